//! The index folder on disk: tantivy's memory-mapped directory, except that the
//! postings (`.idx`), positions (`.pos`) and stored text (`.store`) are read with
//! positioned reads (`pread`) instead of being mapped.
//!
//! Why: a search touches a few blocks of those files here and there, and a mapped
//! page once touched stays in the server's resident set (VmRSS) until the kernel
//! needs the memory back. Over a day of varied searches on a million documents that
//! grew the server by tens of megabytes (BENCHMARKS.md, "new queries"). Read with
//! `pread`, the same pages sit in the kernel's page cache, shared and reclaimable,
//! and only the bytes of the current search are in the process. The small files
//! read on every search (term dictionaries, fast fields, field norms) stay mapped.

use std::fs::File;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tantivy::HasLen;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};

/// Set by [`map_whole_index`]: map every file, read none.
static MAP_ALL: AtomicBool = AtomicBool::new(false);

/// Map the whole index (every file opened from now on), postings, positions and
/// stored text too: fewer system calls, but what searches touch stays resident.
pub fn map_whole_index(on: bool) {
    MAP_ALL.store(on, Ordering::Relaxed);
}

/// Extensions of the segment files read with `pread`.
const READ_NOT_MAPPED: &[&str] = &["idx", "pos", "store"];

/// Whether the file at `path` is read with `pread` rather than mapped.
pub(crate) fn read_not_mapped(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| READ_NOT_MAPPED.contains(&e))
}

/// The index folder: see the module's note.
#[derive(Clone, Debug)]
pub(crate) struct IndexFolder {
    mapped: MmapDirectory,
    root: PathBuf,
}

impl IndexFolder {
    pub(crate) fn open(root: &Path) -> tantivy::Result<IndexFolder> {
        // Random access for what stays mapped: the kernel maps only what is touched.
        let mapped = MmapDirectory::open_with_madvice(root, tantivy::directory::Advice::Random)?;
        Ok(IndexFolder {
            mapped,
            root: root.to_path_buf(),
        })
    }
}

/// A segment file read with `pread`; its length is fixed (segment files are
/// written once).
#[derive(Debug)]
struct ReadFile {
    file: File,
    len: usize,
}

impl HasLen for ReadFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for ReadFile {
    fn read_bytes(&self, range: Range<usize>) -> io::Result<OwnedBytes> {
        let end = range.end.min(self.len);
        let start = range.start.min(end);
        let mut buf = vec![0u8; end - start];
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            self.file.read_exact_at(&mut buf, start as u64)?;
        }
        #[cfg(not(unix))]
        {
            use std::os::windows::fs::FileExt;
            let mut done = 0;
            while done < buf.len() {
                let n = self
                    .file
                    .seek_read(&mut buf[done..], (start + done) as u64)?;
                if n == 0 {
                    return Err(io::ErrorKind::UnexpectedEof.into());
                }
                done += n;
            }
        }
        Ok(OwnedBytes::new(buf))
    }
}

impl Directory for IndexFolder {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if MAP_ALL.load(Ordering::Relaxed) || !read_not_mapped(path) {
            return self.mapped.get_file_handle(path);
        }
        let full = self.root.join(path);
        let opened = File::open(&full).and_then(|file| {
            let len = usize::try_from(file.metadata()?.len())
                .map_err(|_| io::Error::other("file too large"))?;
            Ok(ReadFile { file, len })
        });
        match opened {
            Ok(f) => Ok(Arc::new(f)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
            }
            Err(e) => Err(OpenReadError::wrap_io_error(e, path.to_path_buf())),
        }
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mapped.acquire_lock(lock)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.mapped.sync_directory()
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_positions_and_stored_text_are_read_the_rest_mapped() {
        for f in ["abc.idx", "abc.pos", "abc.store"] {
            assert!(read_not_mapped(Path::new(f)), "{f}");
        }
        for f in [
            "abc.term",
            "abc.fast",
            "abc.fieldnorm",
            "meta.json",
            "abc.del",
        ] {
            assert!(!read_not_mapped(Path::new(f)), "{f}");
        }
    }

    #[test]
    fn a_read_file_gives_the_bytes_asked_and_no_more() {
        let dir = std::env::temp_dir().join(format!("gk-folder-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("x.idx"), b"0123456789").expect("write");
        let folder = IndexFolder::open(&dir).expect("open");
        let h = folder.get_file_handle(Path::new("x.idx")).expect("handle");
        assert_eq!(h.len(), 10);
        assert_eq!(h.read_bytes(2..5).expect("read").as_slice(), b"234");
        assert_eq!(h.read_bytes(8..20).expect("read").as_slice(), b"89");
        assert!(matches!(
            folder.get_file_handle(Path::new("missing.idx")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        std::fs::remove_dir_all(&dir).ok();
    }
}
