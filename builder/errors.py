"""The few exception types that become clean messages at the command line."""


class ProtocolError(Exception):
    """A problem with the sources or the environment: printed, exit 1."""


class UsageError(ProtocolError):
    """The command was called wrongly (a missing folder, an unknown version): exit 2."""
