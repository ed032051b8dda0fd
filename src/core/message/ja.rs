//! Every message in Japanese, written for instructors who read the guide in Japanese.

use ron::error::Error as RonError;

use super::{Contradiction, IdKind, Msg, TextField, WideChar, codes, quoted};
use crate::core::length_cues::Cue;
use crate::core::model::Lang;
use crate::core::strategy::Strategy;

fn id_kind(k: IdKind) -> &'static str {
    match k {
        IdKind::Node => "ノード",
        IdKind::Choice => "選択肢",
        IdKind::Flag => "フラグ",
        IdKind::Variable => "変数",
        IdKind::Competency => "観点",
        IdKind::Character => "登場人物",
        IdKind::Issue => "課題",
        IdKind::Entity => "登場人物・社会資源・ケース記録",
    }
}

fn field(f: &TextField) -> String {
    match f {
        TextField::Title => "タイトル".into(),
        TextField::Summary => "概要".into(),
        TextField::Goal => "学習目標".into(),
        TextField::CastName(id) | TextField::ResourceName(id) => format!("`{id}` の名前"),
        TextField::NoteText(id) => format!("ケース記録 `{id}` の本文"),
        TextField::NoteFact { id, field } => format!("ケース記録 `{id}` の `{field}`"),
        TextField::IssueTitle(id) => format!("課題 `{id}` のタイトル"),
        TextField::Line => "せりふ".into(),
        TextField::Mood => "様子によるせりふ（mood）".into(),
        TextField::EndingTitle => "結末のタイトル".into(),
        TextField::ChoiceText => "選択肢の文".into(),
        TextField::Reply => "返事（reply）".into(),
        TextField::Reason => "得点の理由（reason）".into(),
    }
}

fn room(f: &TextField) -> (&'static str, &'static str) {
    match f {
        TextField::Reply => ("会話欄", "短くするか、続きは次のノードで言わせてください"),
        TextField::Reason => ("講評の欄", "原則の名前を挙げ、一文で短く書いてください"),
        TextField::ChoiceText => (
            "選択肢のボタン",
            "言葉を減らしてください。詳しいことは返答で伝えられます",
        ),
        _ => (
            "会話欄",
            "二つのノードに分けるか、細かい話を返答に移してください",
        ),
    }
}

fn lang_name(l: Lang) -> &'static str {
    match l {
        Lang::Ja => "日本語",
        Lang::En => "英語",
    }
}

fn wide(c: char) -> String {
    if c == '\u{3000}' {
        "全角スペース（U+3000）".into()
    } else {
        format!("全角の `{c}`（U+{:04X}）", c as u32)
    }
}

fn meant(c: char) -> String {
    if c == ' ' {
        "半角スペースを".into()
    } else {
        format!("半角の `{c}` を")
    }
}

fn did_you_mean(s: &Option<String>) -> String {
    s.as_ref()
        .map(|s| format!("（`{s}` の書き間違いではありませんか）"))
        .unwrap_or_default()
}

fn strategy_who(s: Strategy) -> (&'static str, &'static str) {
    match s {
        Strategy::First | Strategy::Last | Strategy::Random => (
            "読まずに選ぶ",
            "もっともらしいが半分しか正しくない、減点される選択肢を加えて、当て推量では得より損が大きくなるようにしてください",
        ),
        Strategy::Shortest => (
            "いつも一番短い答えを選ぶ",
            "長さの偏りをなくしてください。良い答えには理由を添え、よくない答えのいくつかは短くします",
        ),
        Strategy::Longest => (
            "いつも一番長い答えを選ぶ",
            "長さの偏りをなくしてください。良い答えのいくつかは短く、よくない答えのいくつかはもっともらしい理由つきで長くします",
        ),
        Strategy::AskAll => (
            "ハブの質問をすべて尋ねる",
            "ハブに、質問の合計より少ない分数の `scene` を付け、大事な質問ほど点を高くしてください",
        ),
        Strategy::Cheapest | Strategy::Dearest => (
            "かかる分数で選ぶ",
            "良い質問にもよくない質問にも、分数を偏りなく割り振ってください",
        ),
    }
}

fn or_none(ids: &[String]) -> String {
    if ids.is_empty() {
        "なし".into()
    } else {
        quoted(ids)
    }
}

pub(super) fn render(m: &Msg) -> String {
    match m {
        Msg::CannotRead { reason } => format!("ファイルを読めません: {reason}"),
        Msg::TooLarge { size } => format!("ファイルが {size} バイトあり、上限の 16 MiB を超えています"),
        Msg::NotUtf8 => "ファイルが UTF-8 のテキストではありません。UTF-8 で保存し直してください".into(),
        Msg::Syntax(code) => explain(code),
        Msg::WideChar(WideChar { found, meant: m }) => format!(
            "RON では{}書くところに{}があります。日本語入力で入ったものです。入力をオフにして打ち直してください（\"…\" の文の中なら全角でかまいません）",
            meant(*m),
            wide(*found)
        ),
        Msg::QuoteInText => "文の中の `\"` で文が終わってしまっています。文の中で引用符を使うときは `\\\"` と書くか、「」を使ってください".into(),
        Msg::Duplicate { kind: IdKind::Entity, id } => format!(
            "`{id}` が登場人物・社会資源・ケース記録の中で二度宣言されています。id は重ならないようにしてください"
        ),
        Msg::Duplicate { kind, id } => format!(
            "`{id}` という名前の{}が二つあります。id は重ならないようにしてください",
            id_kind(*kind)
        ),
        Msg::MinAboveMax { id, min, max } => format!("変数 `{id}` の min（{min}）が max（{max}）より大きくなっています"),
        Msg::ManyPeople { count } => format!(
            "役割が `Person` の登場人物が {count} 人います。エコマップの中心になるのは最初の一人です"
        ),
        Msg::NoPerson => "役割が `Person` の登場人物がいません。エコマップには中心になる本人が必要です".into(),
        Msg::NoText => "このノードには文がありません。せりふを一つ以上書いてください".into(),
        Msg::EndingWithChoices => "結末のノードに選択肢は置けません。選択肢か `ending` のどちらかを消してください".into(),
        Msg::NeitherContinueNorEnd => "このノードは先へ進むことも終わることもできません。選択肢か `ending` を加えてください".into(),
        Msg::KeepOrderOneChoice => "選択肢が一つのノードに `keep_order` を付けても何も変わりません。消してください".into(),
        Msg::NegativeMinutes { minutes } => format!("選択肢に {minutes} 分はかけられません。0 以上を書いてください"),
        Msg::ChanceOutOfRange { percent } => format!("確率 {percent}% は 0〜100 の範囲外です。0 から 100 の数を書いてください（必ず成功する、または必ず失敗する確率は確率ではありません。`effects` と `goto` を使ってください）"),
        Msg::NeverOffered { why, explored } => format!(
            "この選択肢は一度も示されません。{}。{}",
            why.as_ref().map_or_else(
                || "会話がここに来たとき、条件が成り立つ道筋がありません".to_owned(),
                contradiction
            ),
            check_when(*explored, "前の選択肢が設定するもの")
        ),
        Msg::MoodNeverSaid { index, why, explored } => format!(
            "このノードの {} 番目の mood は一度も使われません。{}。{}",
            index + 1,
            why.as_ref().map_or_else(
                || "条件が成り立った状態で（それより前の mood の条件は成り立たずに）ここへ来る道筋がありません".to_owned(),
                contradiction
            ),
            check_when(*explored, "このノードより前の選択肢が設定するもの")
        ),
        Msg::RaiseNeverMoves { issue, level, already, top } => format!(
            "この `Raise(issue: \"{issue}\", level: {level})` ではエスカレーションの段が変わりません。ここに来るどの道筋でも、この課題はすでに `{already}`{}にあり、課題は上がるだけです（`Safeguarding` はどの段よりも上）。もっと前で上げるか、より上の段にするか、別の懸念なら別の課題として扱ってください",
            if *top { "" } else { "以上" }
        ),
        Msg::FactLacks { id, fields } => format!(
            "事実の記録 `{id}` に `{}` がありません。記録には、いつどこで見たこと・聞いたことかを書きます。例: `place: (ja: \"自宅の居間\", en: \"the living room at home\"), time: (ja: \"6月3日 16時半ごろ\", en: \"3 June, about 4:30 p.m.\")`",
            fields.join("` と `")
        ),
        Msg::OnlyFacts { id, fields } => format!(
            "ケース記録 `{id}` に `{}` がありますが、これは `kind: Fact` の記録だけが持つものです。`Fact` にするか、内容を `text` に移してください",
            fields.join("`、`")
        ),
        Msg::ScoreWithoutReason => "得点のある選択肢に理由（reason）がありません。点の根拠になる原則を書いてください".into(),
        Msg::MissingTranslation { field: f, langs } => {
            format!("{}に {} の訳がありません", field(f), codes(langs, " と "))
        }
        Msg::Unknown { kind: IdKind::Entity, id, suggestion } => format!(
            "`{id}` という登場人物・社会資源・ケース記録はありません{}。`cast`・`resources`・`notes` のどれかで宣言してください",
            did_you_mean(suggestion)
        ),
        Msg::Unknown { kind: IdKind::Variable, id, suggestion } => format!(
            "`{id}` という変数はありません{}。`variables` で宣言してください",
            did_you_mean(suggestion)
        ),
        Msg::Unknown { kind: IdKind::Issue, id, suggestion } => format!(
            "`{id}` という課題はありません{}。`issues` で宣言してください",
            did_you_mean(suggestion)
        ),
        Msg::Unknown { kind, id, suggestion } => format!(
            "`{id}` という{}はありません{}",
            id_kind(*kind),
            did_you_mean(suggestion)
        ),
        Msg::UnknownCompetency { id, known, suggestion } => format!(
            "観点 `{id}` はルーブリックにありません{}（あるもの: {}。ほかの項目は `rubric` に加えてください）",
            did_you_mean(suggestion),
            known.join(", ")
        ),
        Msg::SpeakerNotCast { id } => format!("話し手 `{id}` は登場人物（cast）ではありません"),
        Msg::NotAVoice { id, suggestion } => format!(
            "`{id}` は登場人物（cast）にいません{}。せりふを言うのは cast の id か `narrator` です",
            did_you_mean(suggestion)
        ),
        Msg::SceneNoBudget => "場面（scene）には 1 分以上の持ち時間が必要です".into(),
        Msg::SceneSharesLoop { other } => format!(
            "この場面は `{other}` の場面と同じループにあるため、一つの時計を共有してしまいます。場面の宣言は一度にしてください"
        ),
        Msg::OverInsideScene { over } => format!(
            "場面の `over` のノード `{over}` が場面の中にあります（そこから会話が戻ってこられます）。場面の外へ出るノードにしてください"
        ),
        Msg::ChoiceLongerThanScene { minutes, scene } => format!(
            "この選択肢は {minutes} 分かかりますが、場面の持ち時間は {scene} 分しかないため、一度も出てきません"
        ),
        Msg::SceneCannotBeSpent { minutes, most } => format!(
            "場面の持ち時間 {minutes} 分を使い切れる道筋がありません（選択肢を全部合わせても {most} 分）。場面の分数を減らすか、質問の分数を増やしてください"
        ),
        Msg::SceneTooRoomy { minutes, questions } => format!(
            "この場面の質問は全部で {questions} 分で、持ち時間 {minutes} 分にすべて収まります。これでは研修生がどれを尋ねるか選ばずに済みます。持ち時間を減らし、大事な質問を選ばせるようにしてください"
        ),
        Msg::MinutesOutsideScene => "分数は場面の中でしか数えられません。このノードか、属するハブに `scene` を宣言するか、分数を消してください".into(),
        Msg::NoEnding => "始まりからどの結末にもたどり着けません。どのセッションも行き詰まってしまいます".into(),
        Msg::Stuck => "ここで会話が行き詰まることがあります。ある道筋では選べる選択肢がなく、このノードは結末でもありません".into(),
        Msg::NeverLedTo => "このノードへ進む選択肢がないため、決してたどり着けません".into(),
        Msg::NeverReachable => "このノードには決してたどり着けません。ここへ進む選択肢の条件が同時に満たされることがありません".into(),
        Msg::Unbounded { competency } => format!(
            "`{competency}` の点がループの中で何度でも得られます。得点のある選択肢を `once: true` にしてください"
        ),
        Msg::NeverEarned { competency } => format!(
            "観点 `{competency}` はどの道筋でも点が得られません。この観点に点を与える選択肢を加えてください"
        ),
        Msg::LengthCue { cue, hits, decisions, expected, p_value, nodes } => {
            let (what, fix) = match cue {
                Cue::ShortestIsBest => (
                    "一番良い選択肢が一番短い",
                    "良い答えのいくつかに理由（〜ので、〜から）を添え、よくない答えのいくつかを短くもっともらしくしてください",
                ),
                Cue::LongestIsWorst => (
                    "一番よくない選択肢が一番長い",
                    "よくない答えのいくつかを短くし、良い答えにも理由を語らせてください",
                ),
                Cue::LongestIsBest => (
                    "一番良い選択肢が一番長い",
                    "良い答えのいくつかを短く、よくない答えのいくつかをもっともらしい理由つきで長くしてください",
                ),
            };
            format!(
                "{decisions} か所の選択のうち {hits} か所で、日本語の文では{what}ものになっています（当てずっぽうなら約 {expected:.1} か所。偶然これだけ重なるのはシナリオの {:.1}%）。ノード: {}。研修生が判断ではなく長さを覚えてしまいます。{fix}",
                p_value * 100.0,
                nodes.join(", ")
            )
        }
        Msg::TooLong { field: f, count, text_lang, max } => {
            let (room, advice) = room(f);
            format!(
                "この{}は{}で {count} 文字あり、{room}に収まる {max} 文字を超えています。{advice}",
                field(f),
                lang_name(*text_lang)
            )
        }
        Msg::FlagNeverSet { flag, set, suggestion } => format!(
            "フラグ `{flag}` は条件で読まれていますが、立てる選択肢がありません{}。そのため `Flag(\"{flag}\")` は決して成り立たず、`NotFlag(\"{flag}\")` は常に成り立ちます。立てるべき選択肢に `SetFlag(\"{flag}\")` を加えるか、綴りを直してください（立てられるフラグ: {}）",
            did_you_mean(suggestion),
            or_none(set)
        ),
        Msg::FlagNeverRead { flag, cleared, read } => format!(
            "フラグ `{flag}` はここで{}いますが、どの条件も読まないので何も変わりません。`when` で使う（例: `when: [Flag(\"{flag}\")]`）か、消してください（読まれているフラグ: {}）",
            if *cleared { "下ろされて" } else { "立てられて" },
            or_none(read)
        ),
        Msg::VariableUnused { id } => format!(
            "変数 `{id}` は宣言されていますが使われていません。`Add(\"{id}\", 1)` や `Set` で変え、`AtLeast`・`AtMost` や確率の `var` で読むか、`variables` から消してください"
        ),
        Msg::ReasonWithoutPrinciple { points, competency, langs } => format!(
            "{points:+} `{competency}` の理由が、根拠となる原則から始まっていません（{}）。「ストレングス: …」や \"Strengths: …\" のように原則の名前とコロンで始めると、研修生が結果だけでなく原則を学べます",
            codes(langs, " と ")
        ),
        Msg::NaiveShare { strategy, runs, shares, max } => {
            let (who, fix) = strategy_who(*strategy);
            let shares: Vec<String> = shares
                .iter()
                .map(|(id, x)| format!("`{id}` {:.0}%", x * 100.0))
                .collect();
            format!(
                "{who}研修生（戦略 `{}`、{runs} 回）が、得られる最高点の平均 {} を取ります（素朴な戦略なら {:.0}% 以下のはずです）。{fix}",
                strategy.name(),
                shares.join("、"),
                max * 100.0
            )
        }
        Msg::NaiveGood { strategy, runs, good, limit } => {
            let (who, fix) = strategy_who(*strategy);
            let limit = match limit {
                None => "一度もないはず".to_owned(),
                Some(l) => format!("{:.0}% 未満のはず", l * 100.0),
            };
            format!(
                "{who}研修生（戦略 `{}`）が {runs} 回中 {:.1}% で良い結末に至ります（{limit}です）。良い結末には一貫して良い選択（関係が一定以上であることと要となる手順）を求め、さらに次のようにしてください: {fix}",
                strategy.name(),
                good * 100.0
            )
        }
    }
}

/// ron's error explained in Japanese; ron's own words are kept beside it for the rare
/// errors not explained here.
fn explain(code: &RonError) -> String {
    fn inside(outer: &Option<String>) -> String {
        outer
            .as_ref()
            .map(|o| format!("`{o}` の中に"))
            .unwrap_or_default()
    }
    fn list(names: &[&str]) -> String {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
    match code {
        RonError::NoSuchStructField { expected, found, outer } => format!(
            "{}`{found}` という項目はありません。書けるのは次のどれかです: {}",
            inside(outer),
            list(expected)
        ),
        RonError::MissingStructField { field, outer } => {
            format!("{}項目 `{field}` がありません", inside(outer))
        }
        RonError::DuplicateStructField { field, outer } => {
            format!("{}項目 `{field}` が二度書かれています", inside(outer))
        }
        RonError::NoSuchEnumVariant { expected, found, outer } => format!(
            "{}`{found}` という値はありません。書けるのは次のどれかです: {}",
            inside(outer),
            list(expected)
        ),
        RonError::Eof => "ファイルが途中で終わっています。閉じていない `(`・`[`・`\"` があります（ファイルが切れていませんか）".to_owned(),
        RonError::ExpectedComma => "二つの項目の間に半角のコンマ `,` が必要です".to_owned(),
        RonError::ExpectedString => "ここには \"…\" のように半角の二重引用符で囲んだ文が必要です".to_owned(),
        RonError::ExpectedStringEnd => "文が `\"` で閉じられていません".to_owned(),
        RonError::TrailingCharacters => "シナリオの終わりの後にまだ何か書かれています。`)` が一つ多くありませんか".to_owned(),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            format!("ここには半角の `(` で始まる項目が必要です（ron: {code}）")
        }
        RonError::ExpectedMapColon => format!("ここには半角のコロン `:` が必要です（ron: {code}）"),
        RonError::ExpectedStructLikeEnd | RonError::ExpectedArrayEnd => {
            format!("ここで括弧が閉じられていません。`,` か閉じ括弧を確かめてください（ron: {code}）")
        }
        other => format!("RON の書き方に誤りがあります（ron: {other}）"),
    }
}

fn contradiction(c: &Contradiction) -> String {
    match c {
        Contradiction::BothFlag { flag } => {
            format!("`Flag(\"{flag}\")` と `NotFlag(\"{flag}\")` の両方を求めています")
        }
        Contradiction::NoAnyHolds => "`Any` の中のどの条件も成り立ちません".into(),
        Contradiction::OutOfRange { asked, var, lo, hi } => {
            let can = if lo == hi {
                format!("はいつも {lo} です（変える効果がありません）")
            } else {
                format!("は {lo}〜{hi} の範囲（`min` と `max`）を出ません")
            };
            format!("`{}` は成り立ちません。`{var}` {can}", asked.join("` と `"))
        }
    }
}

fn check_when(explored: bool, before: &str) -> String {
    if explored {
        format!("`when` を{before}と照らし合わせるか、この項目を削除してください")
    } else {
        "`when` を確かめるか、この項目を削除してください（状態が多すぎてすべてを調べられないため、変数の範囲と矛盾する条件だけを確かめています）".into()
    }
}
