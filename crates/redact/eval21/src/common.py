# The record shape shared by part01.py … part20.py (as eval20, eval19, eval18 and eval17).
def D(id, genre, text, mask, keep, note=""):
    return {"id": id, "genre": genre, "text": text, "mask": mask, "keep": keep, "note": note}
