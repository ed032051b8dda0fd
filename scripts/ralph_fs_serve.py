"""Ralph's xAPI app (as `ralph runserver -b fs` serves it) for one class on one machine.

Ralph 5.1.0's file-system backend creates its one file on the first POST and answers
HTTP 500 ("already exists and overwrite is not allowed") to every later one; here it
appends instead. Its production backends (Elasticsearch, ClickHouse, MongoDB) need no fix.
Settings come from the RALPH_* environment variables, as for `ralph runserver`.

Usage: python ralph_fs_serve.py PORT [HOST]   (HOST defaults to 127.0.0.1)
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND
host = sys.argv[2] if len(sys.argv) > 2 else "127.0.0.1"
uvicorn.run("ralph.api:app", host=host, port=int(sys.argv[1]), log_level="warning")
