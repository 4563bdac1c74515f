"""STUB — targets."""
def find_targets(text):
    return []
