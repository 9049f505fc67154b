use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = mercociudades_api::cli::Cli::parse();
    match mercociudades_api::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
