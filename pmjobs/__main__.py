import sys

from pmjobs.cli import main

sys.exit(main())
