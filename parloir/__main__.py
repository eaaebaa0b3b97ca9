import sys

from parloir.cli import main

sys.exit(main())
