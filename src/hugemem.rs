//! Large tables read at random in 2 MiB pages.
//!
//! Audit reads the bigram index (about 20 MB) and the model's word table (4 MB) at a random place
//! for nearly every word. In 4 KiB pages those reads miss the processor's address-translation
//! cache most of the time, and each miss walks the page tables before the data is even asked
//! for; in 2 MiB pages a table takes a dozen entries. [`huge_table`] puts a table on a 2 MiB
//! boundary and asks Linux to back it with transparent huge pages (`madvise`, which the kernel
//! honours in its default `madvise` mode). Elsewhere, or for a table under 2 MiB, it is an
//! ordinary vector. Everything else the allocator hands out keeps 4 KiB pages: audit touches
//! much fresh memory briefly, and zeroing 2 MiB for each of those costs more than it saves.

/// The size and alignment of a transparent huge page on x86-64 and AArch64 Linux.
pub const HUGE_PAGE: usize = 1 << 21;

/// `len` copies of `fill` at the end of a vector of `start + len`, where `start` (returned beside
/// the vector) puts them on a [`HUGE_PAGE`] boundary when they fill at least one, in memory
/// advised for transparent huge pages. The `start` elements before them (under 2 MiB) are
/// padding. Callers index from `start` themselves, so that reading the table costs no more than
/// reading any vector. The vector must not grow, which would move it.
pub fn huge_table<T: Copy>(len: usize, fill: T) -> (Vec<T>, usize) {
    let size = std::mem::size_of::<T>().max(1);
    if !cfg!(target_os = "linux") || len.saturating_mul(size) < HUGE_PAGE {
        return (vec![fill; len], 0);
    }
    let mut buf: Vec<T> = Vec::with_capacity(len + HUGE_PAGE / size);
    let addr = buf.as_ptr() as usize;
    let skip = addr.next_multiple_of(HUGE_PAGE) - addr;
    // An allocation this large is page-aligned, so `skip` is a whole number of elements for the
    // power-of-two sizes used here; if not, the table simply starts unaligned.
    let start = if skip % size == 0 { skip / size } else { 0 };
    let range = &buf.spare_capacity_mut()[start..start + len];
    advise(
        range.as_ptr().cast(),
        std::mem::size_of_val(range),
        Advice::Huge,
    );
    // The kernel backs each 2 MiB of the advised range with a huge page as it is first written,
    // here, unless the allocator had already used that memory: those pages are then gathered
    // into huge pages at once.
    buf.resize(start + len, fill);
    let table = &buf[start..];
    advise(
        table.as_ptr().cast(),
        std::mem::size_of_val(table),
        Advice::Collapse,
    );
    (buf, start)
}

/// What [`advise`] asks of the kernel.
#[derive(Clone, Copy)]
enum Advice {
    /// Back the range with huge pages as it is first touched (`MADV_HUGEPAGE`).
    Huge,
    /// Move the range's pages into huge pages now (`MADV_COLLAPSE`, Linux 6.1).
    Collapse,
}

/// Gives `advice` for the whole 2 MiB pages among the `len` bytes at `at`.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)]
fn advise(at: *const u8, len: usize, advice: Advice) {
    // The kernel's number, which not every C library names.
    const MADV_COLLAPSE: libc::c_int = 25;
    let start = at as usize;
    let (first, last) = (
        start.next_multiple_of(HUGE_PAGE),
        (start + len) & !(HUGE_PAGE - 1),
    );
    let advice = match advice {
        Advice::Huge => libc::MADV_HUGEPAGE,
        Advice::Collapse => MADV_COLLAPSE,
    };
    if last > first {
        // SAFETY: both pieces of advice change only how the kernel backs pages, never what they
        // hold, and the page-aligned range lies within an allocation the caller owns. Either can
        // fail (a kernel without transparent huge pages, or no free huge page), which leaves
        // ordinary pages.
        unsafe {
            libc::madvise(first as *mut libc::c_void, last - first, advice);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise(_: *const u8, _: usize, _: Advice) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_table_has_no_padding() {
        let (t, start) = huge_table(1000, 7u32);
        assert_eq!((t.len(), start), (1000, 0));
        assert!(t.iter().all(|&v| v == 7));
    }

    #[test]
    fn a_large_table_holds_its_values_and_starts_on_a_huge_page_boundary() {
        let len = 3 * HUGE_PAGE / 16 + 5;
        let (t, start) = huge_table(len, [1u32, 2, 3, 4]);
        assert_eq!(t.len() - start, len);
        assert!(t[start..].iter().all(|&v| v == [1, 2, 3, 4]));
        if cfg!(target_os = "linux") {
            assert_eq!(t[start..].as_ptr() as usize % HUGE_PAGE, 0);
        }
    }
}
