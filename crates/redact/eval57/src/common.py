# The record shape shared by part01.py … part12.py (as eval56, eval54, eval52, eval50, eval48, eval47, eval46, eval45, eval44, eval43, eval42, eval41, eval40, eval38, eval37, eval36, eval35, eval34, eval33, eval32, eval31, eval30, eval29, eval28, eval27, eval26, eval25, eval24, eval23, eval22, eval21, eval20, eval19, eval18 and eval17).
def D(id, genre, text, mask, keep, note=""):
    return {"id": id, "genre": genre, "text": text, "mask": mask, "keep": keep, "note": note}
