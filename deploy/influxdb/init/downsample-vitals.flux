// 1-minute means of every vital-sign field, per device/patient/ward/bed, from
// vitals_raw into vitals_downsampled (same measurement, tags and field names, so the
// InfluxQL of the dashboards works on both: FROM "vitals"."downsampled"."vitals").
// Runs every 5 minutes over the last 15 so late (buffered) readings are included;
// a rerun overwrites the same points (same series and timestamp), never duplicates.
option task = {name: "downsample-vitals", every: 5m, offset: 30s}

from(bucket: "vitals_raw")
    |> range(start: -15m)
    |> filter(fn: (r) => r._measurement == "vitals")
    |> aggregateWindow(every: 1m, fn: mean, createEmpty: false)
    |> to(bucket: "vitals_downsampled")
