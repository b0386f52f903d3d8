//! Placeholder: the template engine lands with issue 3. The public shape is fixed.

use crate::error::{ProfileError, Result};
use serde_json::{json, Value};

/// Template options (see DESIGN.md `TemplateOptions`).
#[derive(Debug, Clone, Default)]
pub struct TemplateOptions {}

impl TemplateOptions {
    /// Read the JS options object.
    pub fn from_json(_v: &Value) -> Result<Self> {
        Ok(TemplateOptions {})
    }
}

/// A variable a template reads, with its 1-based position.
#[derive(Debug, Clone, PartialEq)]
pub struct VariableRef {
    /// Dotted path as written, e.g. `profile.name`.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl VariableRef {
    /// `{path, line, column}`.
    pub fn to_json(&self) -> Value {
        json!({"path": self.path, "line": self.line, "column": self.column})
    }
}

/// A compiled template.
#[derive(Debug, Clone)]
pub struct Template {}

impl Template {
    /// Compile.
    pub fn new(_source: &str, _options: TemplateOptions) -> Result<Self> {
        Err(ProfileError::template("not_implemented", "templates are not implemented yet", 1, 1))
    }
    /// Render.
    pub fn render(&self, _context: &Value) -> Result<String> {
        Err(ProfileError::template("not_implemented", "templates are not implemented yet", 1, 1))
    }
    /// Variables read.
    pub fn variables(&self) -> Vec<VariableRef> {
        Vec::new()
    }
    /// Variables the context lacks.
    pub fn missing(&self, _context: &Value) -> Vec<VariableRef> {
        Vec::new()
    }
}

/// Compile and render once.
pub fn render(source: &str, context: &Value, options: TemplateOptions) -> Result<String> {
    Template::new(source, options)?.render(context)
}
