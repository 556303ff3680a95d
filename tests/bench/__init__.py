"""Page benchmarks (`make bench`): in process and through gunicorn. Not collected by pytest (no test_
prefix) except the harness test, test_harness.py."""
