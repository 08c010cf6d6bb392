from shouhou.cli.app import main

main()
