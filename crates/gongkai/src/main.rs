fn main() -> std::process::ExitCode {
    gongkai::cli::main()
}
