/* vm_ops come from the GEM object's funcs table, whose fault handler waits for a completion. */
#include <linux/dma-buf.h>
#include <linux/mm.h>
#include <drm/drm_gem.h>

struct core_bo {
	struct drm_gem_object base;
	struct completion *idle;
	struct page **pages;
	unsigned long count;
};

static vm_fault_t core_gem_fault(struct vm_fault *vmf)
{
	struct core_bo *bo = vmf->vma->vm_private_data;

	wait_for_completion(bo->idle); /* expect: dmabuf/fault-sync error */
	if (vmf->pgoff >= bo->count)
		return VM_FAULT_SIGBUS;
	return vmf_insert_page(vmf->vma, vmf->address, bo->pages[vmf->pgoff]);
}

static const struct vm_operations_struct core_gem_vm_ops = {
	.fault = core_gem_fault,
};

static const struct drm_gem_object_funcs core_gem_funcs = {
	.vm_ops = &core_gem_vm_ops,
};

static int core_prime_mmap(struct drm_gem_object *obj, struct vm_area_struct *vma)
{
	vm_flags_set(vma, VM_DONTEXPAND);
	vma->vm_private_data = obj;
	vma->vm_ops = obj->funcs->vm_ops; /* expect: dmabuf/fault-interception */
	return 0;
}

static int core_mmap(struct dma_buf *buf, struct vm_area_struct *vma)
{
	return core_prime_mmap(buf->priv, vma);
}

static const struct dma_buf_ops core_ops = {
	.mmap = core_mmap,
};
