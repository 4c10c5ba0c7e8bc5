from ftready.cli import main

raise SystemExit(main())
