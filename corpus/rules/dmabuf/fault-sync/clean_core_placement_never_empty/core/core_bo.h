/* A buffer core shared by drivers: validating a buffer against an empty placement drops its memory. */
#include <drm/drm_gem.h>

struct core_placement {
	unsigned int count;
	int types[4];
};

struct core_bo {
	struct drm_gem_object base;
	struct completion *idle;
};

int core_bo_validate(struct core_bo *bo, struct core_placement *placement);
