/* A driver whose objects take the generic export and leave .mmap to its file operations. */
#include "../core/core_drm.h"

struct adrv_bo {
	struct drm_gem_object base;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t adrv_fault(struct vm_fault *vmf)
{
	struct adrv_bo *bo = vmf->vma->vm_private_data;

	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct adrv_vm_ops = {
	.fault = adrv_fault,
};

static int adrv_mmap(struct file *filp, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_ops = &adrv_vm_ops; /* expect: dmabuf/fault-interception "adrv_vm_ops" */
	return 0;
}

static void adrv_free(struct drm_gem_object *obj)
{
}

static const struct drm_gem_object_funcs adrv_funcs = {
	.free = adrv_free,
};

static const struct file_operations adrv_fops = {
	.mmap = adrv_mmap,
};

static const struct drm_driver adrv_driver = {
	.fops = &adrv_fops,
};
