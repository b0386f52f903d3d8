// A monospace textarea with a line-number gutter. An error marks its line
// (gutter number and a band behind the text) and is shown under the editor
// with the offending line quoted and a caret under the column.

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

export class Editor {
  /** `textarea` sits in a `.editor` box; `errorBox` is the message element. */
  constructor(textarea, errorBox) {
    this.textarea = textarea;
    this.errorBox = errorBox;
    this.errorLine = 0;
    const box = textarea.parentElement;
    this.gutter = el("div", "gutter");
    this.gutter.setAttribute("aria-hidden", "true");
    this.code = el("div", "code");
    this.mark = el("div", "line-mark");
    this.mark.hidden = true;
    box.insertBefore(this.gutter, textarea);
    box.insertBefore(this.code, textarea);
    this.code.append(this.mark, textarea);
    this.lines = 0;
    textarea.addEventListener("input", () => this.refresh());
    textarea.addEventListener("scroll", () => this.sync());
    new ResizeObserver(() => this.sync()).observe(textarea);
    this.refresh();
  }

  get value() {
    return this.textarea.value;
  }

  set value(text) {
    this.textarea.value = text;
    this.refresh();
  }

  /** Rebuild the gutter when the number of lines changed. */
  refresh() {
    const n = this.textarea.value.split("\n").length;
    if (n !== this.lines) {
      this.lines = n;
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= n; i++) frag.append(el("div", i === this.errorLine ? "ln err" : "ln", String(i)));
      this.gutter.replaceChildren(frag);
    }
    this.sync();
  }

  sync() {
    const ta = this.textarea;
    this.gutter.scrollTop = ta.scrollTop;
    if (this.errorLine > 0) {
      const style = getComputedStyle(ta);
      const lh = parseFloat(style.lineHeight) || 20;
      const top = parseFloat(style.paddingTop) + (this.errorLine - 1) * lh - ta.scrollTop;
      this.mark.style.top = `${top}px`;
      this.mark.style.height = `${lh}px`;
      this.mark.hidden = top + lh < 0 || top > ta.clientHeight;
    } else {
      this.mark.hidden = true;
    }
  }

  /**
   * Show `message`; with a 1-based `line` (and `column`) the line is
   * marked, quoted, and a caret points at the column.
   */
  setError(message, line, column) {
    const box = this.errorBox;
    box.replaceChildren();
    const where = line ? `Line ${line}${column ? `, column ${column}` : ""}: ` : "";
    box.append(el("div", "error-message", where + message));
    const source = this.textarea.value.split("\n");
    if (line && line <= source.length) {
      const text = source[line - 1];
      const prefix = `${line} | `;
      const quote = el("pre", "error-quote");
      quote.append(el("span", "error-ln", prefix), text.replace(/\t/g, " "));
      if (column) {
        quote.append("\n", el("span", "caret", " ".repeat(prefix.length + Math.max(0, column - 1)) + "^"));
      }
      box.append(quote);
    }
    box.hidden = false;
    this.textarea.setAttribute("aria-invalid", "true");
    this.setErrorLine(line || 0);
  }

  clearError() {
    this.errorBox.hidden = true;
    this.errorBox.replaceChildren();
    this.textarea.removeAttribute("aria-invalid");
    this.setErrorLine(0);
  }

  setErrorLine(line) {
    if (line === this.errorLine) return;
    this.errorLine = line;
    const kids = this.gutter.children;
    for (let i = 0; i < kids.length; i++) kids[i].classList.toggle("err", i + 1 === line);
    this.sync();
  }
}

/** 1-based line and column of offset `pos` in `text`. */
function lineColumn(text, pos) {
  const before = text.slice(0, pos).split("\n");
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * Offset of the first JSON syntax error in `text` (a small scanner, for
 * engines whose JSON.parse message gives no position), or -1.
 */
export function jsonErrorOffset(text) {
  let i = 0;
  const fail = () => {
    throw i;
  };
  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i])) i++;
  };
  const literal = (word) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') return void i++;
      if (c < " ") fail();
      if (c === "\\") {
        i++;
        if (text[i] === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 5;
        } else if ('"\\/bfnrt'.includes(text[i] ?? "x")) i++;
        else fail();
      } else i++;
    }
    fail();
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i));
    if (!m || m[0] === "" || m[0] === "-") fail();
    i += m[0].length;
  };
  const value = (depth) => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      ws();
      if (text[i] === "}") return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") return void i++;
        else fail();
      }
    } else if (c === "[") {
      i++;
      ws();
      if (text[i] === "]") return void i++;
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") return void i++;
        else fail();
      }
    } else if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else if (c === "-" || (c >= "0" && c <= "9")) number();
    else fail();
  };
  try {
    value(0);
    ws();
    if (i < text.length) fail();
    return -1;
  } catch (pos) {
    if (typeof pos !== "number") throw pos;
    return Math.min(pos, text.length);
  }
}

/**
 * Line and column (1-based) of a JSON.parse error in `text`: from the
 * engine's message when it gives a position, else from our own scan.
 */
export function jsonErrorPosition(message, text) {
  let m = /line (\d+) column (\d+)/.exec(message);
  if (m) return { line: Number(m[1]), column: Number(m[2]) };
  m = /position (\d+)/.exec(message);
  if (m) return lineColumn(text, Math.min(Number(m[1]), text.length));
  const offset = jsonErrorOffset(text);
  return offset < 0 ? {} : lineColumn(text, offset);
}
