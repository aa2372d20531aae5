/** The few words the permalink pages and the oEmbed card print around the data, in each language. */
import type { Lang } from "../dataset/schema";

interface Labels {
  skip: string;
  navLabel: string;
  languagesLabel: string;
  languages: Record<Lang, string>;
  json: string;
  docs: string;
  footer: string;
  release: string;
  /** Before the release that answered, linked to the record as that release has it. */
  asOf: string;
  kinds: { facts: string; entities: string; partnerships: string };
  factStatus: Record<"reported" | "analysis" | "inferred" | "disputed", string>;
  partnershipStatus: Record<
    "rumoured" | "evaluated" | "selected" | "troubled" | "abandoned" | "not_pursued" | "pending_approval" | "active",
    string
  >;
  basis: Record<"reported" | "analysis" | "inferred", string>;
  status: string;
  sources: string;
  cite: string;
  citeText: string;
  citeMarkdown: string;
  about: string;
  related: string;
  figures: string;
  events: string;
  story: string;
  original: string;
  names: string;
  aliases: string;
  relations: string;
  facts: string;
  partnerships: string;
  parties: string;
  history: string;
  reasons: string;
  timeline: string;
  type: string;
  website: string;
  notFound: string;
  notFoundText: string;
  didYouMean: string;
  via: string;
}

export const LABELS: Record<Lang, Labels> = {
  en: {
    skip: "Skip to content",
    navLabel: "API",
    languagesLabel: "Languages",
    languages: { en: "English", ja: "Japanese", zh: "Simplified Chinese", "zh-Hant": "Traditional Chinese" },
    json: "JSON",
    docs: "API reference",
    footer: "Alliance Facts API. Data under",
    release: "Release",
    asOf: "As of release",
    kinds: { facts: "Fact", entities: "Entity", partnerships: "Partnership" },
    factStatus: {
      reported: "Reported",
      analysis: "Analysis (the author's opinion)",
      inferred: "Inferred (our conclusion)",
      disputed: "Disputed",
    },
    partnershipStatus: {
      rumoured: "rumoured",
      evaluated: "evaluated",
      selected: "selected",
      troubled: "troubled",
      abandoned: "abandoned",
      not_pursued: "not pursued",
      pending_approval: "pending approval",
      active: "active",
    },
    basis: { reported: "reported", analysis: "the author's analysis", inferred: "inferred" },
    status: "Status",
    sources: "Sources",
    cite: "Cite this",
    citeText: "Plain text",
    citeMarkdown: "Markdown",
    about: "About",
    related: "Related records",
    figures: "Figures",
    events: "Events",
    story: "Story",
    original: "Original sentence",
    names: "Names",
    aliases: "Also written as",
    relations: "Relations",
    facts: "Facts",
    partnerships: "Partnerships",
    parties: "Parties",
    history: "History",
    reasons: "Reasons given",
    timeline: "Timeline",
    type: "Type",
    website: "Website",
    notFound: "Not found",
    notFoundText: "No record has this id in the current release.",
    didYouMean: "Did you mean:",
    via: "via",
  },
  ja: {
    skip: "本文へ移動",
    navLabel: "API",
    languagesLabel: "言語",
    languages: { en: "英語", ja: "日本語", zh: "中国語（簡体字）", "zh-Hant": "中国語（繁体字）" },
    json: "JSON",
    docs: "APIリファレンス",
    footer: "Alliance Facts API。データのライセンス：",
    release: "リリース",
    asOf: "基準リリース",
    kinds: { facts: "ファクト", entities: "エンティティ", partnerships: "提携" },
    factStatus: {
      reported: "報道",
      analysis: "分析（筆者の見解）",
      inferred: "推定（当方の結論）",
      disputed: "異論あり",
    },
    partnershipStatus: {
      rumoured: "噂",
      evaluated: "検討",
      selected: "選定",
      troubled: "難航",
      abandoned: "断念",
      not_pursued: "見送り",
      pending_approval: "承認待ち",
      active: "実施中",
    },
    basis: { reported: "報道", analysis: "筆者の分析", inferred: "推定" },
    status: "ステータス",
    sources: "出典",
    cite: "引用",
    citeText: "テキスト",
    citeMarkdown: "Markdown",
    about: "対象",
    related: "関連レコード",
    figures: "数値",
    events: "出来事",
    story: "記事",
    original: "原文",
    names: "名称",
    aliases: "別表記",
    relations: "関係",
    facts: "ファクト",
    partnerships: "提携",
    parties: "当事者",
    history: "経緯",
    reasons: "理由",
    timeline: "年表",
    type: "種類",
    website: "ウェブサイト",
    notFound: "見つかりません",
    notFoundText: "現在のリリースにこのIDのレコードはありません。",
    didYouMean: "候補：",
    via: "経由",
  },
  zh: {
    skip: "跳到正文",
    navLabel: "API",
    languagesLabel: "语言",
    languages: { en: "英语", ja: "日语", zh: "简体中文", "zh-Hant": "繁体中文" },
    json: "JSON",
    docs: "API参考",
    footer: "Alliance Facts API。数据许可：",
    release: "版本",
    asOf: "截至版本",
    kinds: { facts: "事实", entities: "实体", partnerships: "合作" },
    factStatus: {
      reported: "报道",
      analysis: "分析（作者观点）",
      inferred: "推断（我们的结论）",
      disputed: "有争议",
    },
    partnershipStatus: {
      rumoured: "传闻",
      evaluated: "评估",
      selected: "选定",
      troubled: "受阻",
      abandoned: "放弃",
      not_pursued: "未推进",
      pending_approval: "待审批",
      active: "进行中",
    },
    basis: { reported: "报道", analysis: "作者分析", inferred: "推断" },
    status: "状态",
    sources: "来源",
    cite: "引用",
    citeText: "纯文本",
    citeMarkdown: "Markdown",
    about: "涉及",
    related: "相关记录",
    figures: "数据",
    events: "事件",
    story: "报道",
    original: "原文",
    names: "名称",
    aliases: "其他写法",
    relations: "关系",
    facts: "事实",
    partnerships: "合作",
    parties: "双方",
    history: "经过",
    reasons: "原因",
    timeline: "时间线",
    type: "类型",
    website: "网站",
    notFound: "未找到",
    notFoundText: "当前版本中没有此ID的记录。",
    didYouMean: "您是否要找：",
    via: "经由",
  },
  "zh-Hant": {
    skip: "跳到正文",
    navLabel: "API",
    languagesLabel: "語言",
    languages: { en: "英語", ja: "日語", zh: "簡體中文", "zh-Hant": "繁體中文" },
    json: "JSON",
    docs: "API參考",
    footer: "Alliance Facts API。資料許可：",
    release: "版本",
    asOf: "截至版本",
    kinds: { facts: "事實", entities: "實體", partnerships: "合作" },
    factStatus: {
      reported: "報道",
      analysis: "分析（作者觀點）",
      inferred: "推斷（我們的結論）",
      disputed: "有爭議",
    },
    partnershipStatus: {
      rumoured: "傳聞",
      evaluated: "評估",
      selected: "選定",
      troubled: "受阻",
      abandoned: "放棄",
      not_pursued: "未推進",
      pending_approval: "待審批",
      active: "進行中",
    },
    basis: { reported: "報道", analysis: "作者分析", inferred: "推斷" },
    status: "狀態",
    sources: "來源",
    cite: "引用",
    citeText: "純文字",
    citeMarkdown: "Markdown",
    about: "涉及",
    related: "相關記錄",
    figures: "數值",
    events: "事件",
    story: "報道",
    original: "原文",
    names: "名稱",
    aliases: "其他寫法",
    relations: "關係",
    facts: "事實",
    partnerships: "合作",
    parties: "雙方",
    history: "經過",
    reasons: "原因",
    timeline: "時間線",
    type: "類型",
    website: "網站",
    notFound: "未找到",
    notFoundText: "當前版本中沒有此ID的記錄。",
    didYouMean: "您是否要找：",
    via: "經由",
  },
};
