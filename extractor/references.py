"""STUB — references (văn bản được viện dẫn)."""
def find_references(text, own_number=None):
    return []
def find_named_references(text):
    return []
