/** A text field's value from a submitted form; a missing field (or a file) reads as "". */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}
