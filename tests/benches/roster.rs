//! Speed of the roster with a generated 30,000-official bureau: opening the database and
//! showing the roster page, one filter keystroke, and one frame of the roster page.
fn main() {}
