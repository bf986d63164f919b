//! The `senpack` command: a thin wrapper over [`senpack::cli`].

fn main() {
    std::process::exit(senpack::cli::main());
}
