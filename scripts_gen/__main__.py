import sys

from scripts_gen.cli import main

sys.exit(main())
