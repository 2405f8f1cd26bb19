// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cpl_error.h>
#include <gdal.h>
#include <ogr_api.h>
#include <ogr_srs_api.h>
#include <proj.h>

#include <memory>
#include <string>
#include <type_traits>
#include <vector>

// unique_ptr aliases with deleters for every C handle of GDAL/OGR/PROJ (QGIS's qgsogrutils.h).
// GEOS handles need their context and live in geoscontext.h.
namespace gengbao::core {

struct DatasetCloser
{
    void operator()(GDALDatasetH dataset) const { GDALClose(dataset); }
};
struct FeatureDestroyer
{
    void operator()(OGRFeatureH feature) const { OGR_F_Destroy(feature); }
};
struct GeometryDestroyer
{
    void operator()(OGRGeometryH geometry) const { OGR_G_DestroyGeometry(geometry); }
};
struct SrsReleaser
{
    void operator()(OGRSpatialReferenceH srs) const { OSRRelease(srs); }
};
struct TransformDestroyer
{
    void operator()(OGRCoordinateTransformationH transform) const
    {
        OCTDestroyCoordinateTransformation(transform);
    }
};
struct ProjDestroyer
{
    void operator()(PJ *pj) const { proj_destroy(pj); }
};
struct ProjContextDestroyer
{
    void operator()(PJ_CONTEXT *context) const { proj_context_destroy(context); }
};

using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;
using FeaturePtr = std::unique_ptr<std::remove_pointer_t<OGRFeatureH>, FeatureDestroyer>;
using OgrGeometryPtr = std::unique_ptr<std::remove_pointer_t<OGRGeometryH>, GeometryDestroyer>;
using SrsPtr = std::unique_ptr<std::remove_pointer_t<OGRSpatialReferenceH>, SrsReleaser>;
using TransformPtr =
    std::unique_ptr<std::remove_pointer_t<OGRCoordinateTransformationH>, TransformDestroyer>;
using ProjPtr = std::unique_ptr<PJ, ProjDestroyer>;
using ProjContextPtr = std::unique_ptr<PJ_CONTEXT, ProjContextDestroyer>;

// Every file of an open dataset (a shapefile is several, a GeoTIFF may have an .aux.xml), sorted;
// the path itself when the driver cannot say.
std::vector<std::string> datasetFiles(GDALDatasetH dataset, const std::string &path);

// Collects GDAL/OGR errors raised on this thread while it lives, instead of letting GDAL print
// them to stderr (the CLI's first stderr line must be our own message). Thread-local by GDAL's
// design: push/pop affect the calling thread only.
class CplErrorCapture
{
public:
    CplErrorCapture();
    ~CplErrorCapture();
    CplErrorCapture(const CplErrorCapture &) = delete;
    CplErrorCapture &operator=(const CplErrorCapture &) = delete;

    bool hasFailure() const { return !mLastFailure.empty(); }
    const std::string &lastFailure() const { return mLastFailure; }
    void clear() { mLastFailure.clear(); }

private:
    static void CPL_STDCALL handler(CPLErr level, CPLErrorNum number, const char *message);
    std::string mLastFailure;
};

}  // namespace gengbao::core
