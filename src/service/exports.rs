//! The bureau's tables as an export writes them (every official, unit, post or standard),
//! read through the service for the command line and the window alike.

use super::{Result, Service};
use crate::domain::access::Sight;
use crate::domain::{Lang, OfficialId};
use crate::exchange::{Kind, write};

/// The whole table of `kind` as the bureau holds it (officials by staff number); the bureau's
/// tables are the administrators'.
pub fn export_table(service: &Service, kind: Kind, lang: Lang) -> Result<write::Table> {
    service.require_read(Sight::Bureau)?;
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

/// The officials `ids` in that order (the roster as the window filters and sorts it), for the
/// administrators alone like every export.
pub fn officials_table(service: &Service, ids: &[OfficialId], lang: Lang) -> Result<write::Table> {
    service.require_read(Sight::Bureau)?;
    let db = service.read();
    let all = db.officials()?;
    let by_id: std::collections::HashMap<OfficialId, &crate::domain::official::Official> = all.iter().map(|o| (o.id, o)).collect();
    let ordered: Vec<crate::domain::official::Official> = ids.iter().filter_map(|id| by_id.get(id).map(|o| (*o).clone())).collect();
    Ok(write::officials_table(lang, &db.catalogue()?, &db.units()?, &db.posts()?, &ordered))
}
