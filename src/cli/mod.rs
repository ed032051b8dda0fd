pub mod run;
pub mod validate;

use std::process::ExitCode;

/// Options for the window (no subcommand).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct GameArgs {
    /// A further folder of scenarios to list beside `scenarios/`.
    #[arg(long)]
    pub scenarios: Option<std::path::PathBuf>,
}

#[cfg(feature = "game")]
pub fn open_game(args: GameArgs) -> ExitCode {
    tsunagu::game::run(args.scenarios)
}

#[cfg(not(feature = "game"))]
pub fn open_game(_args: GameArgs) -> ExitCode {
    eprintln!("this build has no window (built without the `game` feature): try `tsunagu --help`");
    ExitCode::from(2)
}
