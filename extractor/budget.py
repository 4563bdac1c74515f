"""STUB — budget."""
def find_budget(text):
    return []
