/*
 * A core object table that any driver's objects may carry: objects made only to share a
 * reservation, never given a handle, so never exported. It sets neither .export nor .mmap.
 */
#include "core_drm.h"

static void core_resv_free(struct drm_gem_object *obj)
{
}

static const struct drm_gem_object_funcs core_resv_funcs = {
	.free = core_resv_free,
};

void core_resv_init(struct drm_gem_object *obj)
{
	obj->funcs = &core_resv_funcs;
}
