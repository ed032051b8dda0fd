pub mod class;
pub mod debrief;
pub mod graph;
pub mod new;
pub mod rubric;
pub mod run;
pub mod simulate;
pub mod validate;

use std::process::ExitCode;

/// Options for the window (no subcommand).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct GameArgs {
    /// A further folder of scenarios to list beside `scenarios/`.
    #[arg(long)]
    pub scenarios: Option<std::path::PathBuf>,
    /// Language of the game (ja or en); otherwise the one last chosen.
    #[arg(long)]
    pub lang: Option<tsunagu::core::model::Lang>,
    /// The trainee's name; otherwise the one last entered.
    #[arg(long)]
    pub trainee: Option<String>,
    /// Assessment mode: feedback only at the end.
    #[arg(long)]
    pub assessment: bool,
    /// Start this scenario file at once.
    #[arg(long)]
    pub play: Option<std::path::PathBuf>,
    /// Take these choices (ids or numbers, comma-separated) after `--play`.
    #[arg(long, value_delimiter = ',')]
    pub autoplay: Vec<String>,
    /// Open the results after the scripted choices.
    #[arg(long)]
    pub results: bool,
    /// Save a screenshot of the window (PNG) shortly before `--exit-after-frames`.
    #[arg(long)]
    pub screenshot: Option<std::path::PathBuf>,
    /// Quit after this many frames (for scripted runs).
    #[arg(long)]
    pub exit_after_frames: Option<u32>,
    /// Open the debrief of the session logs in this folder.
    #[arg(long)]
    pub debrief: Option<std::path::PathBuf>,
    /// With `--debrief`: show the replay of the first log at this step.
    #[arg(long)]
    pub replay_step: Option<usize>,
    /// Open the conversation graph over the play screen.
    #[arg(long)]
    pub show_graph: bool,
    /// Author mode: the conversation graph shows the whole scenario with the competency
    /// each choice scores (trainees see only where they have been).
    #[arg(long)]
    pub author: bool,
    /// The window's size in logical pixels, as WIDTHxHEIGHT (default 1280x720).
    #[arg(long, value_parser = parse_window)]
    pub window: Option<(u32, u32)>,
}

/// `1366x768` as a width and a height.
fn parse_window(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("`{text}`: expected WIDTHxHEIGHT, for example 1366x768"))?;
    let number = |s: &str| {
        s.trim()
            .parse::<u32>()
            .ok()
            .filter(|n| (320..=16384).contains(n))
            .ok_or_else(|| format!("`{s}`: expected a number of pixels from 320 to 16384"))
    };
    Ok((number(w)?, number(h)?))
}

#[cfg(feature = "game")]
pub fn open_game(args: GameArgs) -> ExitCode {
    use tsunagu::game::{Options, autoplay::Autoplay};
    let scripted = args.play.is_some()
        || args.screenshot.is_some()
        || args.exit_after_frames.is_some()
        || args.debrief.is_some();
    tsunagu::game::run(Options {
        scenarios: args.scenarios,
        lang: args.lang,
        trainee: args.trainee,
        mode: args
            .assessment
            .then_some(tsunagu::core::engine::Mode::Assessment),
        author: args.author,
        window: args.window,
        autoplay: scripted.then(|| Autoplay {
            scenario: args.play,
            choices: args.autoplay.into(),
            results: args.results,
            screenshot: args.screenshot,
            exit_after_frames: args.exit_after_frames,
            debrief: args.debrief,
            replay_step: args.replay_step,
            show_graph: args.show_graph,
        }),
    })
}

#[cfg(not(feature = "game"))]
pub fn open_game(_args: GameArgs) -> ExitCode {
    eprintln!("this build has no window (built without the `game` feature): try `tsunagu --help`");
    ExitCode::from(2)
}
