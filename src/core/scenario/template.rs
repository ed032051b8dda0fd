//! The scenario `tsunagu new` writes: small, valid, and commented in Japanese and English
//! so that an instructor can learn the format by rewriting it. It passes `tsunagu validate`
//! with no errors and no warnings (a test holds it to that).

/// The template; `{id}` stands for the scenario's id (also its file name).
pub const TEMPLATE: &str = r#"// =============================================================================
// {id}.ron — tsunagu の会話シナリオ / a tsunagu conversation scenario
//
// これはひな形です。文章を書き換え、ノードや選択肢を足して、あなたの事例にしてください。
// This is a template: rewrite the texts, add nodes and choices, and make it your own case.
//
// 確かめ方 / How to check it:
//   tsunagu validate scenarios/{id}.ron          誤りと注意を行番号つきで表示 / errors and warnings, with lines
//   tsunagu run scenarios/{id}.ron --choices ask_likes,go_on --lang ja
//                                                 画面なしで選んで試す / play it without the window
//   tsunagu graph scenarios/{id}.ron --out {id}.dot
//                                                 会話の形を図にする / draw the shape of the conversation
//   tsunagu simulate scenarios/{id}.ron --strategy all
//                                                 当て推量で何点になるか / what guessing scores
//
// 書式のすべては docs/authoring.ja.md（日本語）と docs/authoring.md（英語）にあります。
// The whole format is described in docs/authoring.md (English) and docs/authoring.ja.md (Japanese).
//
// 画面に出る文章は、日本語（ja）と英語（en）の両方を書きます。
// Every text a player sees is written in Japanese (ja) and English (en).
// 「//」から行の終わりまではコメントで、ゲームには表示されません。
// Everything from `//` to the end of the line is a comment: the game never shows it.
//
// 選択肢は、セッションごとに並び順が入れ替わって表示されます。よい選択肢も、よくない
// 選択肢も、同じくらいの長さと形で書いてください（長さや位置で答えがわからないように）。
// The game shows the choices in an order of each session's own. Write good and poor
// choices alike in length and form, so that neither length nor position gives them away.
// =============================================================================
Scenario(
    // シナリオの名前。ファイル名と同じにします。
    // The scenario's id: the same as the file name.
    id: "{id}",
    // 内容を書き換えたら数を上げます（記録はどの版で遊んだかを覚えています）。
    // Raise it when you change the scenario (session logs remember the version played).
    version: 1,
    title: (ja: "はじめての面談：Dさんの「働きたい」", en: "A first meeting: Mr D wants to work"),
    summary: (
        ja: "30代のDさんは母親と暮らし、「働きたい」と話します。得意なことと、言葉の奥にある願いを本人と一緒に見つけ、本人の了解のもとで地域とつなぎます。",
        en: "Mr D, in his thirties, lives with his mother and says he wants to work. Find with him what he is good at and the wish behind his words, and connect him with the community, with his consent.",
    ),
    // 学習目標。振り返りの画面に表示されます。
    // Learning goals, shown at the debrief.
    goals: [
        (ja: "限られた時間で、できないことより先に好きなこと・得意なことを尋ねる", en: "In the time there is, ask what he enjoys and is good at before what he cannot do"),
        (ja: "「働きたい」の奥にあるニーズを本人と一緒に見つける", en: "Find the need behind \"I want to work\" together with him"),
        (ja: "本人の了解を得てから地域の人につなぐ", en: "Involve people in the community only with his consent"),
    ],
    // 1回の目安の時間（分）。
    // About how long one session takes, in minutes.
    minutes: 10,
    // 基本の4つの力（strengths, needs, community, escalation）はいつも採点されます。
    // 独自の観点は rubric に足します。ここでは守秘義務や本人の同意を「倫理・権利擁護」で採点します。
    // The four core competencies are always scored. Add your own under `rubric`: here
    // confidentiality and consent are scored as ethics.
    rubric: [
        Competency(
            id: "ethics",
            name: (ja: "倫理・権利擁護", en: "Ethics and rights"),
            description: (ja: "守秘義務と本人の同意、本人の側に立つこと", en: "Confidentiality and consent, standing with the person"),
        ),
    ],
    // 登場人物。role が Person の人がエコマップの中心です。
    //   role: Person, Family, Guardian, Provider, Municipality, Community
    //   ring: Micro（本人の身近）, Meso（地域）, Macro（制度・行政）  省略すると Micro
    //   hidden: true にすると、Reveal されるまでエコマップに出ません。
    // The cast. The one with role `Person` is the centre of the ecomap. `ring` defaults
    // to Micro; `hidden: true` keeps someone off the ecomap until revealed.
    cast: [
        Character(id: "d", name: (ja: "Dさん", en: "Mr D"), role: Person),
        Character(id: "mother", name: (ja: "母", en: "His mother"), role: Family),
    ],
    // 社会資源。kind は Formal（制度・サービス）か Informal（家族・近所・地域の集まりなど）。
    // hidden: false と書かない限り、Reveal されるまで隠れています。
    // Resources: Formal (services, schemes) or Informal (family, neighbours, local groups).
    // They stay hidden until revealed, unless written with `hidden: false`.
    resources: [
        Resource(id: "club", name: (ja: "公民館の将棋クラブ", en: "The shogi club at the community centre"), kind: Informal, ring: Meso),
    ],
    // ケース記録に載る項目。kind: Strength（ストレングス）, Demand（デマンド）, Need（ニーズ）。
    // Reveal で研修生の記録に載ります。
    // Case notes, revealed into the trainee's notes with `Reveal`.
    notes: [
        Note(id: "s_shogi", kind: Strength, text: (ja: "将棋が得意で、人に教えるのが好き（得意なこと）", en: "Good at shogi and likes teaching it (things he is good at)")),
        Note(id: "d_work", kind: Demand, text: (ja: "「働きたい」", en: "\"I want to work\"")),
        Note(id: "n_place", kind: Need, text: (ja: "家の外に、毎日通える場所と話し相手がほしい", en: "A place to go every day, and people to talk to")),
    ],
    // 地域課題。Raise で個別支援会議や協議会へ上げられます。研修生に見えるのは、
    // 取り上げられた（Raise された）あとだけです。
    // Issues that can be raised up the escalation ladder with `Raise`. The trainee sees
    // one only once it has been raised.
    issues: [
        Issue(id: "daytime_place", title: (ja: "日中に通える居場所が地域に少ない", en: "Too few places to go during the day in the area")),
    ],
    // 変数：会話が数として覚えること（信頼など）。min と max の間に保たれます。
    // Variables: numbers the conversation remembers (trust, say), kept between min and max.
    variables: [
        Variable(id: "trust", name: (ja: "信頼", en: "Trust"), initial: 2, min: 0, max: 5),
    ],
    // はじめのエコマップのつながり。from を省くと本人から。kind: Strong, Weak, Strained, Broken
    // Ecomap ties at the start; without `from` they start at the person.
    ties: [
        TieSpec(to: "mother", kind: Strong),
    ],
    // 会話が始まるノード。
    // The node the conversation starts at.
    start: "meet",
    nodes: [
        // ノード：話し手（speaker）が何か（text）を言い、研修生が選択肢（choices）から選びます。
        // phase はケアマネジメントの段階：
        //   Intake, Assessment, Planning, Intervention, Monitoring, Evaluation, Termination
        // A node: the speaker says the text, and the trainee picks one of the choices.
        // `phase` is the step of the care-management cycle.
        Node(
            id: "meet",
            speaker: "d",
            phase: Intake,
            // text を二つ以上書くと、毎回どれか一つが選ばれます。
            // With several texts, one is picked at random each time.
            text: [
                (ja: "Dさんは少し緊張した様子で、母親の隣に座っている。", en: "Mr D sits beside his mother, a little tense."),
                (ja: "約束の時間。Dさんは母親と並んで、こちらを待っていた。", en: "On time. Mr D and his mother are waiting for you side by side."),
            ],
            // scene：この場面の持ち時間（分）。質問（minutes のある選択肢）が時間を使い、
            // 使い切ると over のノードへ進みます。すべては尋ねられないので、何を尋ねるかを選びます。
            // A scene with a clock: the questions spend its minutes and, once they are spent,
            // the conversation goes to `over`. Not everything can be asked: the trainee chooses.
            scene: (name: (ja: "初回面談", en: "First meeting"), minutes: 20, over: "demand"),
            choices: [
                // once: true の選択肢は、一度選ぶと消えます。goto のない選択肢は同じノードに
                // とどまるので、いくつも質問できる「ハブ」になります。
                // A `once: true` choice disappears once taken. A choice without `goto` stays
                // on this node, so the node works as a hub of questions.
                Choice(
                    id: "ask_problems",
                    text: (ja: "「生活の中で、いま困っていることから伺えますか」", en: "\"Could we start with what troubles you day to day?\""),
                    once: true,
                    minutes: 10,
                    effects: [
                        Add("trust", -1),
                        // 点数と、その理由。理由は「原則: 説明」の形で書きます。
                        // Points and their reason; the reason starts with the principle.
                        Score(competency: "strengths", points: -1, reason: (ja: "ストレングス: できないことから始めると、本人の力が見えなくなる", en: "Strengths: starting from what he cannot do hides what he can")),
                    ],
                    // 話し手の返事。/ What the speaker answers.
                    reply: (ja: "「……朝、起きられないことです」と小さな声で言う。", en: "\"...I can't get up in the morning,\" he says quietly."),
                ),
                Choice(
                    id: "ask_mother",
                    text: (ja: "「お母さまから見て、Dさんはどんな方ですか」", en: "\"How would you describe him, Mrs D?\""),
                    once: true,
                    minutes: 10,
                    effects: [
                        Add("trust", -1),
                        Score(competency: "ethics", points: -1, reason: (ja: "本人中心: 本人がいる前で、本人より先に家族に本人のことを尋ねている", en: "Person-centred: asking his mother about him, in front of him, before asking him")),
                    ],
                    reply: (ja: "「まじめな子なんですけど……」Dさんは黙って聞いている。", en: "\"He's a serious boy, but...\" Mr D listens in silence."),
                ),
                Choice(
                    id: "ask_likes",
                    text: (ja: "「休みの日は、どんなことをして過ごしていますか」", en: "\"How do you like to spend a day off?\""),
                    once: true,
                    minutes: 10,
                    effects: [
                        Reveal("s_shogi"),
                        SetFlag("knows_shogi"),
                        Add("trust", 1),
                        Score(competency: "strengths", points: 2, reason: (ja: "ストレングス: できないことより先に、好きなことを尋ねる", en: "Strengths: ask what he enjoys before what he cannot do")),
                    ],
                    reply: (ja: "「将棋です。子どもに教えたこともあります」", en: "\"Shogi. I've even taught it to children.\""),
                ),
                Choice(
                    id: "go_on",
                    text: (ja: "「では、今日のご相談をお聞かせください」", en: "\"Then, please tell me what brings you today.\""),
                    goto: "demand",
                ),
            ],
        ),
        Node(
            id: "demand",
            speaker: "d",
            phase: Assessment,
            text: [(ja: "「働きたいんです。でも、何から始めればいいか……」", en: "\"I want to work. But I don't know where to start...\"")],
            // moods：条件が成り立つとき、text の代わりに言うせりふ（上から最初に合うもの）。
            // Moods: said instead of the text when their conditions hold (the first that holds).
            moods: [
                Mood(when: [AtLeast("trust", 3)], text: [(ja: "「話を聞いてもらえて、ほっとしました。実は、働きたいんです」", en: "\"It's a relief to be listened to. The thing is, I want to work.\"")]),
            ],
            choices: [
                Choice(
                    id: "ask_behind",
                    text: (ja: "「働くことで、どんな毎日にしていきたいですか」", en: "\"What kind of days would you like work to bring?\""),
                    effects: [
                        Reveal("d_work"),
                        Reveal("n_place"),
                        Add("trust", 1),
                        Score(competency: "needs", points: 2, reason: (ja: "デマンドとニーズ: 訴えの奥にある願いを、本人と一緒に見つける", en: "Needs: find the wish behind the demand together with him")),
                    ],
                    reply: (ja: "「……家の外に、毎日行ける場所がほしい。話せる人も」", en: "\"...Somewhere outside the house to go every day. People to talk to.\""),
                    goto: "plan",
                ),
                Choice(
                    id: "find_job",
                    text: (ja: "「求人を探して、次回お持ちしましょう」", en: "\"I'll look for job openings for next time.\""),
                    effects: [
                        Reveal("d_work"),
                        Score(competency: "needs", points: -1, reason: (ja: "デマンドとニーズ: 「働きたい」を言葉どおりにしか受け取っていない", en: "Needs: took \"I want to work\" only at face value")),
                    ],
                    goto: "plan",
                ),
                Choice(
                    id: "which_work",
                    text: (ja: "「どんな仕事なら続けられそうか、考えましょう」", en: "\"Let's think about what work you could keep up.\""),
                    effects: [
                        Reveal("d_work"),
                        Score(competency: "needs", points: -1, reason: (ja: "デマンドとニーズ: 仕事を探す前に、働きたい理由を聞いていない（早すぎる計画）", en: "Needs: planning work before asking why he wants it (too early)")),
                    ],
                    goto: "plan",
                ),
            ],
        ),
        Node(
            id: "plan",
            speaker: "d",
            phase: Planning,
            text: [(ja: "「外に出るきっかけが、何かあればいいんですけど」", en: "\"If only there were something to get me out of the house.\"")],
            choices: [
                // when：条件がすべて成り立つときだけ出る選択肢。
                // chance：確率で結果が分かれます。trust が1あるごとに10%上がります。
                // `when`: offered only when every condition holds. `chance`: the outcome
                // succeeds with a probability, here 50% plus 10% per point of trust.
                Choice(
                    id: "ask_club",
                    text: (ja: "「クラブの方に、Dさんのことを話してもいいですか」", en: "\"May I tell the people at the club about you?\""),
                    when: [Flag("knows_shogi")],
                    effects: [
                        Score(competency: "ethics", points: 1, reason: (ja: "守秘義務: 地域の人に伝える前に、本人の了解を得る", en: "Confidentiality: ask his consent before telling anyone in the community")),
                        Score(competency: "community", points: 2, reason: (ja: "地域資源: 本人の得意なことから、インフォーマルな資源につなぐ", en: "Community: connect him with an informal resource through what he is good at")),
                    ],
                    chance: Chance(
                        percent: 50,
                        var: "trust",
                        per_point: 10,
                        success: Branch(
                            effects: [Reveal("club"), Tie(to: "club", kind: Weak), SetFlag("joined")],
                            reply: (ja: "「はい。子ども教室の手伝いなら、できるかもしれません」", en: "\"Yes. Maybe I could help at the children's class.\""),
                            goto: "council",
                        ),
                        failure: Branch(
                            reply: (ja: "「まだ少し怖いです。考えてもいいですか」", en: "\"I'm still a bit scared. Can I think about it?\""),
                            goto: "council",
                        ),
                    ),
                ),
                Choice(
                    id: "tell_club",
                    text: (ja: "「将棋クラブの方に、話を通しておきましょうか」", en: "\"Shall I have a word with the shogi club?\""),
                    when: [Flag("knows_shogi")],
                    effects: [
                        Add("trust", -2),
                        Score(competency: "ethics", points: -2, reason: (ja: "守秘義務: 本人の了解なく、地域の人に事情を伝えている", en: "Confidentiality: telling people in the community without his consent")),
                    ],
                    goto: "council",
                ),
                Choice(
                    id: "service_only",
                    text: (ja: "「就労支援の事業所を、いくつか探して調べておきます」", en: "\"I'll look up a few employment support services for you.\""),
                    effects: [
                        Score(competency: "community", points: -1, reason: (ja: "地域資源: 制度のサービスだけを探し、本人の身近な資源を見ていない", en: "Community: only formal services, none of the resources close to him")),
                    ],
                    goto: "council",
                ),
            ],
        ),
        Node(
            id: "council",
            // speaker のないノードはナレーションです。
            // A node without a speaker is narration.
            phase: Monitoring,
            text: [(ja: "一か月後。日中に通える場所がないという声を、ほかの家族からも聞いている。", en: "A month later. Other families, too, tell you there is nowhere to go during the day.")],
            choices: [
                Choice(
                    id: "raise",
                    text: (ja: "協議会の運営会議に、地域の課題として報告する", en: "Report it to the council's secretariat as a regional issue"),
                    effects: [
                        // Raise：課題を段階まで上げます。
                        //   Individual, SupportMeeting, Secretariat, WorkingGroup, Plenary, Safeguarding
                        // Raise an issue to a rung of the ladder.
                        Raise(issue: "daytime_place", level: Secretariat),
                        SetFlag("raised"),
                        Score(competency: "escalation", points: 2, reason: (ja: "個別課題から地域課題へ: 複数の人に共通する課題を協議会へ", en: "Escalation: an issue shared by several people goes to the council")),
                    ],
                    goto: "closing",
                ),
                Choice(
                    id: "alone",
                    text: (ja: "Dさんが通える場所を、自分の足で探して回る", en: "Go round on foot looking for a place Mr D could go"),
                    effects: [
                        Raise(issue: "daytime_place", level: Individual),
                        Score(competency: "escalation", points: -1, reason: (ja: "抱え込み: 地域に共通する課題を一人で抱えている", en: "Working alone: holding on to an issue the whole area shares")),
                    ],
                    goto: "closing",
                ),
                Choice(
                    id: "wait",
                    text: (ja: "ほかの家族の様子を、もう少し時間をかけて見守ってみる", en: "Keep watching the other families for a while longer before acting"),
                    effects: [
                        Raise(issue: "daytime_place", level: Individual),
                        Score(competency: "escalation", points: -1, reason: (ja: "個別課題から地域課題へ: 共通する課題に気づきながら、個別の見守りにとどめている", en: "Escalation: a shared issue noticed, yet kept to watching each case")),
                    ],
                    goto: "closing",
                ),
            ],
        ),
        // 二つの選択肢の条件は重ならないので、研修生にはいつも一つだけが示されます。
        // The two choices' conditions never hold together: the trainee always sees one.
        Node(
            id: "closing",
            phase: Evaluation,
            text: [(ja: "それから三か月がたった。", en: "Three months have passed.")],
            choices: [
                Choice(
                    id: "see_good",
                    text: (ja: "Dさんを訪ねる", en: "Visit Mr D"),
                    when: [Flag("joined"), Flag("raised"), AtLeast("trust", 3)],
                    goto: "end_place",
                ),
                Choice(
                    id: "see_mixed",
                    text: (ja: "Dさんを訪ねる", en: "Visit Mr D"),
                    when: [Any([NotFlag("joined"), NotFlag("raised"), AtMost("trust", 2)])],
                    goto: "end_alone",
                ),
            ],
        ),
        // 結末：ending のあるノードで会話は終わります（choices は書きません）。
        // outcome: Good（望む暮らしへ）, Mixed, Poor
        // An ending closes the session; it has no choices.
        Node(
            id: "end_place",
            speaker: "d",
            phase: Termination,
            text: [(ja: "「週に二回、公民館に通っています。来月から子ども教室を手伝います」", en: "\"I go to the community centre twice a week. Next month I start helping at the children's class.\"")],
            ending: Ending(title: (ja: "通える場所", en: "A place to go"), outcome: Good),
        ),
        Node(
            id: "end_alone",
            speaker: "d",
            phase: Termination,
            text: [(ja: "「ときどき作業所に行っています。ほかの日は、家にいます」", en: "\"Sometimes I go to a workshop. The other days I stay at home.\"")],
            ending: Ending(title: (ja: "まだ家の中に", en: "Still mostly at home"), outcome: Mixed),
        ),
    ],
)
"#;

/// The longest id `tsunagu new` accepts.
pub const MAX_NAME_CHARS: usize = 64;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NameError {
    #[error("the scenario needs a name, like `first-visit`")]
    Empty,
    #[error("the name `{name}` is {chars} characters long; keep it to {MAX_NAME_CHARS}")]
    TooLong { name: String, chars: usize },
    #[error(
        "the name `{name}` contains `{found}`: use letters, digits, `-` and `_` only (it becomes the file name and the scenario id)"
    )]
    BadCharacter { name: String, found: char },
}

/// Checks a scenario name: it becomes both a file name and a RON string, so only letters
/// (any script), digits, `-` and `_` are allowed.
pub fn check_name(name: &str) -> Result<(), NameError> {
    if name.is_empty() {
        return Err(NameError::Empty);
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_CHARS {
        return Err(NameError::TooLong {
            name: name.to_owned(),
            chars,
        });
    }
    match name
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '_'))
    {
        Some(found) => Err(NameError::BadCharacter {
            name: name.to_owned(),
            found,
        }),
        None => Ok(()),
    }
}

/// The template with its id filled in.
pub fn render(id: &str) -> Result<String, NameError> {
    check_name(id)?;
    Ok(TEMPLATE.replace("{id}", id))
}
