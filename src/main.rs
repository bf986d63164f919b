//! The `senpack` command: a thin wrapper over [`senpack::cli`].

/// mimalloc: fewer page faults and less fragmentation than glibc malloc across rayon threads.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(senpack::cli::main());
}
