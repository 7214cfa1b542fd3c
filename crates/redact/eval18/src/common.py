# The record shape shared by part01.py … part20.py (as eval17's D).
def D(id, genre, text, mask, keep, note=""):
    return {"id": id, "genre": genre, "text": text, "mask": mask, "keep": keep, "note": note}
