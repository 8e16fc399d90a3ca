"""flake8 front end for scopelint (arrives with the plugin issue)."""
