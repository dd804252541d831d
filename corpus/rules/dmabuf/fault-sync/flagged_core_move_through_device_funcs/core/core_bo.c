/* The core moves a buffer through its device's callback: at fault time, that driver's move runs. */
#include "core_bo.h"

int core_bo_validate(struct core_bo *bo, int where)
{
	if (bo->where == where)
		return 0;
	return bo->bdev->funcs->move(bo, where);
}
