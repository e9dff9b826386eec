"""Pure vocabulary: record kinds, body parts, doses, times, names, errors.

Nothing here reads the clock, a file, the database or the terminal; every other
package may import it, and it imports none of them.
"""
