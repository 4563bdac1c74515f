"""STUB — responsibilities."""
def find_responsibilities(text):
    return []
