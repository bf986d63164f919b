//! British National Grid (OSGB36 easting and northing, in metres) to WGS84 latitude and
//! longitude, as a phone's map uses them: the inverse Transverse Mercator projection on the Airy
//! 1830 ellipsoid, then the Ordnance Survey's 7-parameter Helmert transformation to WGS84 (good
//! to about 5 metres, plenty to put a school on a map). Formulas and constants: Ordnance Survey,
//! "A guide to coordinates and coordinate systems in Great Britain", annexes C and 6.6.

/// The Airy 1830 ellipsoid: semi-major and semi-minor axes (m).
const AIRY: (f64, f64) = (6_377_563.396, 6_356_256.909);
/// The WGS84 ellipsoid.
const WGS84: (f64, f64) = (6_378_137.0, 6_356_752.314_245);
/// National Grid true origin and scale: F0, φ0, λ0 (degrees), E0, N0 (m).
const F0: f64 = 0.999_601_271_7;
const LAT0: f64 = 49.0;
const LON0: f64 = -2.0;
const E0: f64 = 400_000.0;
const N0: f64 = -100_000.0;

/// A point in degrees (north and east positive).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LatLon {
    pub latitude: f64,
    pub longitude: f64,
}

/// The WGS84 latitude and longitude of a grid point, or `None` when the register leaves it
/// unknown (0 or less, or outside the grid's 700 km by 1300 km).
pub fn to_wgs84(easting: f64, northing: f64) -> Option<LatLon> {
    let on_grid = (1.0..=700_000.0).contains(&easting) && (1.0..=1_300_000.0).contains(&northing);
    on_grid.then(|| helmert_to_wgs84(grid_to_osgb36(easting, northing)))
}

fn e2((a, b): (f64, f64)) -> f64 {
    (a * a - b * b) / (a * a)
}

/// The meridional arc from the true origin's latitude to `phi` (radians), annex C.
fn meridional_arc(phi: f64) -> f64 {
    let (a, b) = AIRY;
    let n = (a - b) / (a + b);
    let (n2, n3) = (n * n, n * n * n);
    let phi0 = LAT0.to_radians();
    let (d, s) = (phi - phi0, phi + phi0);
    b * F0
        * ((1.0 + n + 1.25 * n2 + 1.25 * n3) * d
            - (3.0 * n + 3.0 * n2 + 2.625 * n3) * d.sin() * s.cos()
            + (1.875 * n2 + 1.875 * n3) * (2.0 * d).sin() * (2.0 * s).cos()
            - (35.0 / 24.0) * n3 * (3.0 * d).sin() * (3.0 * s).cos())
}

/// Easting and northing to latitude and longitude on the OSGB36 datum (annex C).
pub fn grid_to_osgb36(easting: f64, northing: f64) -> LatLon {
    let (a, _) = AIRY;
    let e2 = e2(AIRY);
    let mut phi = (northing - N0) / (a * F0) + LAT0.to_radians();
    let mut m = meridional_arc(phi);
    // Converges to 0.01 mm in a handful of steps.
    for _ in 0..20 {
        if (northing - N0 - m).abs() < 0.000_01 {
            break;
        }
        phi += (northing - N0 - m) / (a * F0);
        m = meridional_arc(phi);
    }
    let sin2 = phi.sin().powi(2);
    let nu = a * F0 / (1.0 - e2 * sin2).sqrt();
    let rho = a * F0 * (1.0 - e2) / (1.0 - e2 * sin2).powf(1.5);
    let eta2 = nu / rho - 1.0;
    let (t, sec) = (phi.tan(), 1.0 / phi.cos());
    let (t2, t4, t6) = (t * t, t.powi(4), t.powi(6));
    let vii = t / (2.0 * rho * nu);
    let viii = t / (24.0 * rho * nu.powi(3)) * (5.0 + 3.0 * t2 + eta2 - 9.0 * t2 * eta2);
    let ix = t / (720.0 * rho * nu.powi(5)) * (61.0 + 90.0 * t2 + 45.0 * t4);
    let x = sec / nu;
    let xi = sec / (6.0 * nu.powi(3)) * (nu / rho + 2.0 * t2);
    let xii = sec / (120.0 * nu.powi(5)) * (5.0 + 28.0 * t2 + 24.0 * t4);
    let xiia = sec / (5040.0 * nu.powi(7)) * (61.0 + 662.0 * t2 + 1320.0 * t4 + 720.0 * t6);
    let de = easting - E0;
    let lat = phi - vii * de.powi(2) + viii * de.powi(4) - ix * de.powi(6);
    let lon = LON0.to_radians() + x * de - xi * de.powi(3) + xii * de.powi(5) - xiia * de.powi(7);
    LatLon {
        latitude: lat.to_degrees(),
        longitude: lon.to_degrees(),
    }
}

/// OSGB36 latitude and longitude (height 0) to WGS84, through Cartesian coordinates and the
/// Helmert transformation OSGB36 → WGS84 (the Ordnance Survey's WGS84 → OSGB36 parameters with
/// their signs reversed).
pub fn helmert_to_wgs84(p: LatLon) -> LatLon {
    let (a, _) = AIRY;
    let e2a = e2(AIRY);
    let (phi, lam) = (p.latitude.to_radians(), p.longitude.to_radians());
    let nu = a / (1.0 - e2a * phi.sin().powi(2)).sqrt();
    let x = nu * phi.cos() * lam.cos();
    let y = nu * phi.cos() * lam.sin();
    let z = (1.0 - e2a) * nu * phi.sin();
    let (tx, ty, tz) = (446.448, -125.157, 542.060);
    let s = -20.4894e-6;
    let arcsec = |v: f64| (v / 3600.0_f64).to_radians();
    let (rx, ry, rz) = (arcsec(0.1502), arcsec(0.2470), arcsec(0.8421));
    let x2 = tx + (1.0 + s) * x - rz * y + ry * z;
    let y2 = ty + rz * x + (1.0 + s) * y - rx * z;
    let z2 = tz - ry * x + rx * y + (1.0 + s) * z;
    let (aw, _) = WGS84;
    let e2w = e2(WGS84);
    let p = (x2 * x2 + y2 * y2).sqrt();
    let mut phi = z2.atan2(p * (1.0 - e2w));
    for _ in 0..10 {
        let nu = aw / (1.0 - e2w * phi.sin().powi(2)).sqrt();
        phi = (z2 + e2w * nu * phi.sin()).atan2(p);
    }
    LatLon {
        latitude: phi.to_degrees(),
        longitude: y2.atan2(x2).to_degrees(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dms(d: f64, m: f64, s: f64) -> f64 {
        d + m / 60.0 + s / 3600.0
    }

    /// Metres between two nearby points (flat-earth approximation, fine for a few km).
    fn metres(a: LatLon, b: LatLon) -> f64 {
        let dy = (a.latitude - b.latitude) * 111_320.0;
        let dx = (a.longitude - b.longitude) * 111_320.0 * a.latitude.to_radians().cos();
        (dx * dx + dy * dy).sqrt()
    }

    #[test]
    fn the_ordnance_survey_worked_example() {
        // Annex C: E 651409.903, N 313177.270 is 52°39′27.2531″N, 1°43′4.5177″E on OSGB36.
        let p = grid_to_osgb36(651_409.903, 313_177.270);
        assert!(
            (p.latitude - dms(52.0, 39.0, 27.2531)).abs() < 1e-7,
            "{p:?}"
        );
        assert!((p.longitude - dms(1.0, 43.0, 4.5177)).abs() < 1e-7, "{p:?}");
    }

    #[test]
    fn the_true_origin_and_the_greenwich_datum_shift() {
        // The grid's true origin is 49°N 2°W, at E 400000, N −100000.
        let p = grid_to_osgb36(400_000.0, -100_000.0);
        assert!((p.latitude - 49.0).abs() < 1e-9 && (p.longitude + 2.0).abs() < 1e-9);
        // The Airy transit circle at Greenwich: 51°28′38″N 0° on OSGB36 (it defines the datum's
        // meridian, to a few metres); 51.477811°N 0.001475°W in WGS84. The Helmert shift is
        // right to about 5 m, so within 20 m; a wrong sign in any parameter puts it 100 m off.
        let w = helmert_to_wgs84(LatLon {
            latitude: dms(51.0, 28.0, 38.0),
            longitude: 0.0,
        });
        let want = LatLon {
            latitude: 51.477_811,
            longitude: -0.001_475,
        };
        assert!(
            metres(w, want) < 20.0,
            "{w:?} is {} m away",
            metres(w, want)
        );
    }

    #[test]
    fn unknown_grid_points_have_no_place() {
        assert_eq!(to_wgs84(0.0, 0.0), None);
        assert_eq!(to_wgs84(530_000.0, 0.0), None);
        let london = to_wgs84(530_034.0, 180_381.0).unwrap();
        // Trafalgar Square is about 51.508°N 0.128°W.
        assert!((london.latitude - 51.508).abs() < 0.002, "{london:?}");
        assert!((london.longitude + 0.128).abs() < 0.002, "{london:?}");
    }
}
