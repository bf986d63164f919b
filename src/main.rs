//! The `senpack` command: a thin wrapper over [`senpack::cli`].

/// mimalloc: fewer page faults and less fragmentation than glibc malloc across rayon threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Transparent huge pages make every fresh 2 MB region fault in (and be zeroed) at once: a
    // build's short-lived memory then costs more time and a higher peak than with 4 KB pages.
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE only sets a flag on this process; the arguments are plain ints.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
    std::process::exit(senpack::cli::main());
}
