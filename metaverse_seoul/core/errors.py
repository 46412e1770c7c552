"""The one error type for bad input: a file (or argument) and what is wrong with it."""


class InputError(Exception):
    """Bad input from a user-supplied file or argument; shown as one `error:` line."""

    def __init__(self, path, message):
        super().__init__(f"{path}: {message}")
        self.path = str(path)
        self.message = message

    def __str__(self):
        return f"{self.path}: {self.message}"
