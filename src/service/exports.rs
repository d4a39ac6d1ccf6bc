//! The bureau's tables as an export writes them (every official, unit, post or standard),
//! read through the service for the command line and the window alike.

use super::Service;
use crate::domain::Lang;
use crate::exchange::{Kind, write};
use crate::store::StoreError;

/// The whole table of `kind` as the bureau holds it (officials by staff number).
pub fn export_table(service: &Service, kind: Kind, lang: Lang) -> Result<write::Table, StoreError> {
    let db = service.read();
    let catalogue = db.catalogue()?;
    Ok(match kind {
        Kind::Officials => write::officials_table(lang, &catalogue, &db.units()?, &db.posts()?, &db.officials()?),
        Kind::Units => write::units_table(lang, &db.units()?),
        Kind::Posts => write::posts_table(lang, &catalogue, &db.units()?, &db.posts()?),
        Kind::Standards => {
            let year = db.bureau()?.map_or(0, |b| b.year);
            write::standards_table(lang, &catalogue, &db.units()?, &db.posts()?, &db.standards(year)?)
        }
    })
}
