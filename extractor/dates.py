"""STUB — dates."""
def find_dates(text):
    return []
