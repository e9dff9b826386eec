from sorelog.cli import main

main()
