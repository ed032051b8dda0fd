//! `tsunagu new NAME`: writes a commented, valid scenario to start from, never over an
//! existing file.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use tsunagu::core::lang_pref::preferred;
use tsunagu::core::template;
use tsunagu::core::validate::check_file;

#[derive(clap::Args)]
pub struct Args {
    /// The scenario's name: letters, digits, `-` and `_` (the file is NAME.ron).
    name: String,
    /// The folder to write into (made if missing).
    #[arg(long, default_value = "scenarios")]
    out: PathBuf,
}

pub fn main(args: Args) -> ExitCode {
    let name = args.name.strip_suffix(".ron").unwrap_or(&args.name);
    let text = match template::render(name) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&args.out) {
        eprintln!("{}: cannot make the folder: {e}", args.out.display());
        return ExitCode::from(1);
    }
    let path = args.out.join(format!("{name}.ron"));
    // `create_new` refuses an existing file in the same step that creates it.
    let file = OpenOptions::new().write(true).create_new(true).open(&path);
    let written = file.and_then(|mut f| f.write_all(text.as_bytes()));
    match written {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "{}: the file already exists; it was left as it is. Choose another name, or move the file away first.",
                path.display()
            );
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("{}: cannot write the file: {e}", path.display());
            return ExitCode::from(1);
        }
    }
    let checked = check_file(&path);
    for p in &checked.problems {
        eprintln!("{}", p.render(preferred(None)));
    }
    println!("wrote {}", path.display());
    println!(
        "next: edit it, then check it with `tsunagu validate {}`",
        path.display()
    );
    println!(
        "      and try it with `tsunagu run {} --choices go_on`",
        path.display()
    );
    if checked.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
