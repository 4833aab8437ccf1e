"""jobhunt: a command-line job-hunt companion.

Keep applying, keep learning, keep networking, keep following up, keep active.
"""

__version__ = "0.1.0"
