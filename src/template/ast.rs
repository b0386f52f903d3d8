//! The compiled form of a template: a tree of nodes whose paths are already
//! split into segments and whose helpers are already resolved.

use super::helpers::Row;
use crate::json::Value;

/// 1-based source position.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub column: u32,
}

/// How the first segment of a path is looked up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// `name.x`: block params, then the context stack, then the root rules.
    Normal,
    /// `this`, `.`, `this.x`, `./x`, `../x`: the (parent) context only.
    Local,
    /// `@index`, `@key`, `@first`, `@last` (and `@../index`).
    Data,
    /// `@root` and `@root.x`.
    Root,
}

/// A parsed path expression.
#[derive(Debug, Clone)]
pub struct Path {
    /// How to look it up.
    pub kind: PathKind,
    /// Number of leading `../`.
    pub depth: u32,
    /// Segments after any `this`/`@root`/`@`/`../` prefix.
    pub segs: Vec<Box<str>>,
    /// The path as written.
    pub text: Box<str>,
    /// Where it was written.
    pub pos: Pos,
}

impl Path {
    /// `this`, `.` or `..` with no further segments.
    pub fn is_this(&self) -> bool {
        self.kind == PathKind::Local && self.segs.is_empty()
    }
}

/// An expression: a path, a literal, or a helper call.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A variable.
    Path(Path),
    /// A string, number, boolean or null literal.
    Lit(Value),
    /// A helper call (a subexpression, or the whole tag).
    Call(Box<Call>),
}

/// Which helper a call runs, resolved at compile time.
#[derive(Debug, Clone, Copy)]
pub enum Callee {
    /// A built-in row of the template's dialect.
    Row(&'static Row),
    /// Entry `n` of the template's host helpers (`TemplateOptions::helpers`:
    /// JS functions in wasm, Rust closures natively), called through
    /// [`super::host_helper::HelperHost`].
    Host(u32),
}

/// `Callee::Host(LAMBDA)`: a zero-argument subexpression `(name)` that
/// names no helper (its one argument is the path): a function value there
/// (JS contexts may hold functions) is called, as Handlebars.js does; any
/// other value is the result.
pub const LAMBDA: u32 = u32::MAX;

impl Callee {
    /// The built-in row, if this is one.
    pub fn row(self) -> Option<&'static Row> {
        match self {
            Callee::Row(r) => Some(r),
            Callee::Host(_) => None,
        }
    }
}

/// A helper call with positional and hash arguments.
#[derive(Debug, Clone)]
pub struct Call {
    /// Which helper (resolved at compile time).
    pub callee: Callee,
    /// Positional arguments.
    pub args: Vec<Expr>,
    /// `key=value` arguments.
    pub hash: Vec<(Box<str>, Expr)>,
    /// Position of the helper name.
    pub pos: Pos,
    /// The name as written when it is not the helper's own: a call of the
    /// host's `helperMissing` / `blockHelperMissing` for a name that is no
    /// helper (`options.name`, as Handlebars.js).
    pub name: Option<Box<str>>,
}

/// Which kind of block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `{{#if}}`.
    If,
    /// `{{#unless}}`.
    Unless,
    /// `{{#each}}`.
    Each,
    /// `{{#with}}`.
    With,
    /// A Mustache section `{{#x}}` or a value helper used as a block
    /// (`{{#eq a b}}`): lists iterate, objects push a context, falsy values
    /// take the inverse. `{{^x}}` is a section with body and inverse swapped.
    Section,
    /// A `Kind::Body` helper as a block (`{{#trim}}…{{/trim}}`): the
    /// rendered body is the helper's first argument, the result is written
    /// unescaped.
    Body,
    /// A `Kind::Hide` helper as a block (Courier's `conditional`): the body
    /// when the result is falsy (truthy with `behavior="show"`).
    Hide,
    /// A host (JS) helper as a block: it gets `options.fn`/`options.inverse`
    /// to render the body and inverse, and its result is written unescaped.
    Host,
}

/// A block `{{#kind expr}}body{{else}}inverse{{/kind}}`.
#[derive(Debug, Clone)]
pub struct Block {
    /// Block kind.
    pub kind: BlockKind,
    /// The argument (the path of a section, the helper call ...).
    pub expr: Expr,
    /// Hash arguments of the block tag (e.g. `includeZero=true`).
    pub hash: Vec<(Box<str>, Expr)>,
    /// Block params `as |item index|`.
    pub params: Vec<Box<str>>,
    /// Rendered when the block applies.
    pub body: Vec<Node>,
    /// Rendered otherwise (`{{else}}`, `{{^}}`).
    pub inverse: Vec<Node>,
    /// Position of the opening tag.
    pub pos: Pos,
}

/// Which partial a `{{> ...}}` tag names.
#[derive(Debug, Clone)]
pub enum PartialName {
    /// A name written in the tag: `{{> name}}`, `{{> "name"}}`.
    Static(Box<str>),
    /// `{{> (expr)}}`: the name is computed when rendering.
    Dynamic(Expr),
    /// `{{> @partial-block}}`: the body of the partial block being rendered.
    Block,
}

/// A `{{> name}}` partial call, or a partial block `{{#> name}}body{{/name}}`.
#[derive(Debug, Clone)]
pub struct PartialCall {
    /// The name.
    pub name: PartialName,
    /// Index of the compiled `options.partials` entry for a static name
    /// (`None`: not given; an inline partial may still define it).
    pub index: Option<usize>,
    /// Optional context argument.
    pub context: Option<Expr>,
    /// Hash arguments, added on top of the context.
    pub hash: Vec<(Box<str>, Expr)>,
    /// Body of a partial block (`@partial-block`, and the fallback when
    /// the partial does not exist).
    pub body: Option<Vec<Node>>,
    /// Indentation of a standalone tag, applied to the partial's output.
    pub indent: Box<str>,
    /// Position of the tag.
    pub pos: Pos,
}

/// An output tag `{{x}}`, `{{{x}}}`, `{{helper ...}}`.
#[derive(Debug, Clone)]
pub struct Output {
    /// What to print.
    pub expr: Expr,
    /// HTML-escape it (`{{x}}`) or not (`{{{x}}}`, `{{&x}}`).
    pub escape: bool,
    /// Byte range of the tag as written in its source, for `missing: "keep"`.
    pub raw: (u32, u32),
    /// Position of the tag.
    pub pos: Pos,
}

/// A template node.
#[derive(Debug, Clone)]
pub enum Node {
    /// Literal text.
    Text(Box<str>),
    /// An output tag.
    Out(Box<Output>),
    /// A block.
    Block(Box<Block>),
    /// A partial.
    Partial(Box<PartialCall>),
    /// Inline partials `{{#*inline "name"}}` defined in this program (block
    /// body, inverse, template or partial), hoisted to its first node as
    /// Handlebars.js runs decorators before the program: (name, index in
    /// the template's compiled partials).
    Inline(Box<[(Box<str>, usize)]>),
}
