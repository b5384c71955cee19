//! The `spinlint` command.

mod cli;

/// Pattern compilation allocates many small strings; mimalloc makes that and freeing cheap.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(cli::main());
}
