"""The work behind each CLI command, kept out of the thin click layer."""
