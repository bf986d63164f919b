//! The `senpack` command: a thin wrapper over [`senpack::cli`].

/// mimalloc: fewer page faults and less fragmentation than glibc malloc across rayon threads.
/// Built without transparent huge pages (`no_thp`): they make each fresh 2 MB region fault in and
/// be zeroed at once, costing a build time and peak memory.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(senpack::cli::main());
}
