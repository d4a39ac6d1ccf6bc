//! The `nengli` binary: no command opens the window, a command runs headless (see `cli`).

fn main() -> std::process::ExitCode {
    nengli::cli::main()
}
