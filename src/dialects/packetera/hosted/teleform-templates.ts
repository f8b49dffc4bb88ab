// The four teleform templates (spec/packetera.md §4): each a distinct look, as inline CSS only
// (§8: the page loads no other resource). The container's size and background colour come from
// the button's attributes (inline style on #pk-teleform); the template brings layout, typography
// and accents. Text colour follows the background's lightness (class pk-on-dark / pk-on-light), so
// a partner's own colour stays readable on every template.

const BASE = `*{box-sizing:border-box}html,body{margin:0;padding:0}body{background:#E9ECEF}
#pk-teleform{position:relative;overflow:auto;margin:0 auto;display:flex;flex-direction:column}
#pk-teleform img{display:block;max-width:100%;height:auto}
#pk-form{display:flex;flex-direction:column}
#pk-form label{display:block}
#pk-form input{width:100%;font:inherit}
#pk-form button{cursor:pointer;font:inherit}
#pk-error{margin:.5em 0}
#pk-confirmation{margin:.5em 0}`

const CLASSIC = `body{font-family:Georgia,"Times New Roman",serif}
#pk-teleform{padding:22px 28px;border-top:6px solid #1F3A5F;text-align:center}
#pk-teleform h1{font-size:24px;font-weight:normal;margin:6px 0 4px;letter-spacing:.5px}
#pk-teleform .pk-lead{font-style:italic;margin:0 0 14px;font-size:14px}
#pk-form label{font-size:13px;text-align:left;margin:8px 0 3px}
#pk-form input{padding:7px 8px;border:1px solid #9AA5B1;border-radius:3px;background:#FFF;color:#1B1B1B}
#pk-form button{margin-top:14px;padding:9px 18px;border:0;border-radius:4px;background:#1F3A5F;color:#FFF;font-size:16px;align-self:center}
.pk-on-light{color:#1B2836}.pk-on-dark{color:#F3F1EA}
#pk-error{color:#B3261E;font-size:14px}.pk-on-dark #pk-error{color:#FFB4AB}`

const MODERN = `body{font-family:"Helvetica Neue",Helvetica,Arial,sans-serif}
#pk-teleform{padding:26px 30px;border-radius:14px;box-shadow:0 8px 24px rgba(15,23,42,.12)}
#pk-teleform h1{font-size:22px;font-weight:700;margin:4px 0 6px;letter-spacing:-.3px}
#pk-teleform .pk-lead{margin:0 0 16px;font-size:14px;opacity:.75}
#pk-form label{font-size:11px;font-weight:700;text-transform:uppercase;letter-spacing:1px;margin:10px 0 4px;opacity:.8}
#pk-form input{padding:10px 12px;border:2px solid #D0D7E2;border-radius:10px;background:#FFF;color:#0F172A}
#pk-form input:focus{outline:none;border-color:#4F46E5}
#pk-form button{margin-top:18px;padding:12px 20px;border:0;border-radius:999px;background:linear-gradient(90deg,#4F46E5,#06B6D4);color:#FFF;font-weight:700;font-size:15px}
.pk-on-light{color:#0F172A}.pk-on-dark{color:#E2E8F0}
#pk-error{color:#C2410C;font-weight:700;font-size:13px}`

const COMPACT = `body{font-family:Verdana,Tahoma,sans-serif;font-size:12px}
#pk-teleform{padding:12px 14px;border:1px solid #C8CDD2}
#pk-teleform h1{font-size:15px;margin:0 0 4px;padding-bottom:4px;border-bottom:2px solid #2E8540}
#pk-teleform .pk-lead{margin:0 0 8px;font-size:11px}
#pk-form{display:grid;grid-template-columns:1fr auto;gap:4px 6px;align-items:end}
#pk-form label{font-size:11px;grid-column:1 / 3}
#pk-form label input{margin-top:2px;padding:4px 5px;border:1px solid #8C959D;border-radius:2px;background:#FFF;color:#111}
#pk-form button{grid-column:1 / 3;padding:6px 10px;border:0;border-radius:2px;background:#2E8540;color:#FFF;font-weight:bold;font-size:12px}
.pk-on-light{color:#22272B}.pk-on-dark{color:#EEF1F3}
#pk-error{color:#A4161A;font-size:11px}`

const DARK = `body{font-family:"Trebuchet MS","Segoe UI",sans-serif;background:#111}
#pk-teleform{padding:24px 28px;border-radius:6px;border-left:5px solid #F5B700}
#pk-teleform h1{font-size:23px;margin:4px 0 6px;color:#F5B700;text-transform:uppercase;letter-spacing:2px}
#pk-teleform .pk-lead{margin:0 0 14px;font-size:14px;opacity:.85}
#pk-form label{font-size:13px;margin:9px 0 4px}
#pk-form input{padding:9px 10px;border:1px solid #555;border-radius:4px;background:#333;color:#FAFAFA}
#pk-form button{margin-top:16px;padding:11px 18px;border:0;border-radius:4px;background:#F5B700;color:#1A1A1A;font-weight:bold;font-size:15px;text-transform:uppercase;letter-spacing:1px}
.pk-on-light{color:#1A1A1A}.pk-on-dark{color:#F0F0F0}
#pk-error{color:#FF8A80;font-size:14px}.pk-on-light #pk-error{color:#B00020}`

const BY_NAME: Readonly<Record<string, string>> = { classic: CLASSIC, modern: MODERN, compact: COMPACT, dark: DARK }

/** The inline stylesheet of a template (unknown names get `classic`). */
export function templateCss(name: string): string {
  return `${BASE}\n${BY_NAME[name] ?? CLASSIC}`
}

/** Whether text on this `#RRGGBB` / `#RGB` background should be light (relative luminance, WCAG 2). */
export function isDarkColour(colour: string): boolean {
  let hex = colour.replace('#', '')
  if (hex.length === 3) hex = hex.split('').map((c) => c + c).join('')
  const channel = (i: number) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4) < 0.18
}
